import type { IConstruct } from 'constructs';
import { CROSSPLANE_PROVIDERS, GITLAB_CI_CONFINED_ACCOUNT, GitLabCiAccess, leaveOwnerAction } from '../../constructs';

/** The release of a Crossplane provider the cluster installs, from its package's tag, e.g. `v2.1.0`. */
const releaseOf = (provider: { readonly package: string }): string => provider.package.slice(provider.package.lastIndexOf(':') + 1);

/**
 * The design's example files of a developer's static site (`infra/bucket.yaml`, `infra/keycloak-client.yaml`,
 * `infra/database.yaml`), written in the form the providers this cluster installs accept and act on. As the
 * design writes them, the API server refuses the Bucket (`acl` is no field of provider-aws-s3's Bucket, whose
 * `region` is required) and the Client (provider-keycloak serves it in `openidclient.keycloak.crossplane.io`;
 * `keycloak.crossplane.io` is its ProviderConfig's group, and `publicClient` is its `accessType: PUBLIC`), and
 * provider-sql makes the Database with no connection details: the login `portfolio-db-creds` names, and the
 * role `portfolio` it belongs to, are a Role of their own.
 */
export const DEVELOPER_EXAMPLE_FILES = `# infra/bucket.yaml
apiVersion: s3.aws.upbound.io/v1beta1
kind: Bucket
metadata:
  name: my-portfolio-assets
spec:
  forProvider:
    region: us-east-1
  providerConfigRef:
    name: ceph-rgw
---
apiVersion: s3.aws.upbound.io/v1beta1
kind: BucketACL
metadata:
  name: my-portfolio-assets
spec:
  forProvider:
    acl: public-read
    bucketRef:
      name: my-portfolio-assets
    region: us-east-1
  providerConfigRef:
    name: ceph-rgw
---
# infra/keycloak-client.yaml
apiVersion: openidclient.keycloak.crossplane.io/v1alpha1
kind: Client
metadata:
  name: my-portfolio-auth
spec:
  forProvider:
    realmId: aether
    clientId: portfolio
    accessType: PUBLIC
    standardFlowEnabled: true
    pkceCodeChallengeMethod: S256
    rootUrl: "https://portfolio.shdr.ch"
    validRedirectUris:
      - "https://portfolio.shdr.ch/*"
    webOrigins:
      - "+"
  providerConfigRef:
    name: keycloak
---
# infra/database.yaml
apiVersion: postgresql.sql.crossplane.io/v1alpha1
kind: Role
metadata:
  name: portfolio
spec:
  forProvider:
    privileges:
      login: true
  providerConfigRef:
    name: surrealdb
  writeConnectionSecretToRef:
    name: portfolio-db-creds
    namespace: projects
---
apiVersion: postgresql.sql.crossplane.io/v1alpha1
kind: Database
metadata:
  name: portfolio-db
spec:
  forProvider:
    owner: portfolio
  providerConfigRef:
    name: surrealdb
`;

/** Names as prose: `a`, `a and b`, `a, b and c`. */
const prose = (names: readonly string[]): string => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join(''));

/**
 * Which CI jobs may apply the example files, from the groups' CI access: the managed resources of the
 * Crossplane providers installed here are cluster-scoped, which a confined group's jobs, with `edit` on their
 * own namespace alone, are refused; the others act as the agent, which may change the whole cluster.
 */
export function developerExamplesReach(ciAccess: readonly GitLabCiAccess[]): string {
  const applying = ciAccess.filter((a) => a.confined !== true).map((a) => a.group);
  const confined = ciAccess.filter((a) => a.confined === true);
  if (confined.length === 0) return '';
  const accounts = prose(confined.map((a) => `${a.defaultNamespace}/${GITLAB_CI_CONFINED_ACCOUNT}`));
  return `. Their objects are cluster-scoped (Crossplane's managed resources, as the providers installed here serve them), so the API server `
    + `takes them from the jobs of ${prose(applying) || 'no group'}, which act as the agent, and refuses them to the jobs of `
    + `${prose(confined.map((a) => a.group))}, which act as ${accounts}, with edit on their own namespace alone: kubectl apply -f infra/ `
    + 'there answers Forbidden. Giving those accounts the managed kinds cluster-wide would let one tenant change or delete another\'s '
    + 'buckets, clients and databases; for their self-service, publish namespaced claims (a CompositeResourceDefinition with claimNames, '
    + 'and its Composition) and grant their kinds in each tenant\'s namespace, or apply a tenant\'s files for them';
}

/**
 * The owner's step that gives the developers the design's example files in the form this cluster's providers
 * take, on `scope` (the cluster's Crossplane providers): the files stay theirs, in their app repositories;
 * `ciAccess` (the groups' CI access through the agent) tells whose jobs may apply them.
 */
export function leaveDeveloperExamples(scope: IConstruct, ciAccess: readonly GitLabCiAccess[]): void {
  const { awsS3, keycloak, sql } = CROSSPLANE_PROVIDERS;
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: "the design's example files of a developer's static site (infra/bucket.yaml, infra/keycloak-client.yaml, infra/database.yaml) as the "
      + `providers installed here take them, for the developers' app repositories: ${awsS3.name} ${releaseOf(awsS3)} refuses the Bucket as written, as \`acl\` `
      + 'is no field of it and `region` is required (a canned ACL such as public-read is a BucketACL of its own; region us-east-1 sends RGW no '
      + `location constraint); ${keycloak.name} ${releaseOf(keycloak)} serves the Client in group openidclient.keycloak.crossplane.io, not keycloak.crossplane.io, `
      + "its ProviderConfig's group, and writes a public client as `accessType: PUBLIC` (with `pkceCodeChallengeMethod: S256` for the design's "
      + 'PKCE, and `webOrigins` + for the static site\'s calls to the token endpoint); '
      + `${sql.name} ${releaseOf(sql)} makes a Database owned by a role that exists, and publishes no connection details for it: the role portfolio `
      + `is a Role, whose login goes into Secret projects/portfolio-db-creds (username, password, endpoint, port)${developerExamplesReach(ciAccess)}`,
    command: DEVELOPER_EXAMPLE_FILES.trimEnd(),
  });
}
