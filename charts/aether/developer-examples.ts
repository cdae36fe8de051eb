import type { IConstruct } from 'constructs';
import { CROSSPLANE_PROVIDERS, leaveOwnerAction } from '../../constructs';

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

/**
 * The owner's step that gives the developers the design's example files in the form this cluster's providers
 * take, on `scope` (the cluster's Crossplane providers): the files stay theirs, in their app repositories.
 */
export function leaveDeveloperExamples(scope: IConstruct): void {
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
      + 'is a Role, whose login goes into Secret projects/portfolio-db-creds (username, password, endpoint, port)',
    command: DEVELOPER_EXAMPLE_FILES.trimEnd(),
  });
}
