import { loadAll } from 'js-yaml';
import { defineAether } from '../charts/aether';
import { crossplaneProviderEntry } from '../constructs';
import { createSchemaValidator } from '../constructs/validation/schema';
import { blocks } from './support/readme';
import { readCluster } from './support/synth';

// The aether and constellation designs read again against the synthesized output, for what the earlier
// re-reads left: whether the owner's steps and the files they hand on apply to the cluster as it is installed.

const aether = readCluster(defineAether, 'aether/main');
const choice = (readme: string, title: string): string => readme.split('\n').find((line) => line.startsWith(`- **${title}**`))!;

/** Group of an apiVersion, e.g. `s3.aws.upbound.io` of `s3.aws.upbound.io/v1beta1`. */
const groupOf = (apiVersion: string) => apiVersion.split('/')[0];

// The design's own example files of a developer's static site, as it writes them.
const DESIGN_BUCKET = {
  apiVersion: 's3.aws.upbound.io/v1beta1', kind: 'Bucket', metadata: { name: 'my-portfolio-assets' },
  spec: { forProvider: { acl: 'public-read' }, providerConfigRef: { name: 'ceph-rgw' } },
};
const DESIGN_CLIENT = {
  apiVersion: 'keycloak.crossplane.io/v1alpha1', kind: 'Client', metadata: { name: 'my-portfolio-auth' },
  spec: {
    forProvider: {
      clientId: 'portfolio', realmId: 'aether', publicClient: true, standardFlowEnabled: true,
      rootUrl: 'https://portfolio.shdr.ch', validRedirectUris: ['https://portfolio.shdr.ch/*'],
    },
    providerConfigRef: { name: 'keycloak' },
  },
};

describe("aether: the design's example files of a developer apply to the Crossplane providers the cluster installs", () => {
  const block = blocks(aether.readme).find((b) => b.includes('kind: BucketACL'));
  const documents = (block === undefined ? [] : loadAll(block)) as any[];
  const byKind = (kind: string) => documents.find((d) => d.kind === kind);
  const validator = createSchemaValidator();

  test("a step gives the Bucket, the Keycloak Client and the Database in the form those providers take, and the choice points at it", () => {
    expect(block).toBeDefined();
    expect(documents.map((d) => `${groupOf(d.apiVersion)} ${d.kind}`)).toEqual([
      's3.aws.upbound.io Bucket', 's3.aws.upbound.io BucketACL', 'openidclient.keycloak.crossplane.io Client',
      'postgresql.sql.crossplane.io Role', 'postgresql.sql.crossplane.io Database',
    ]);
    expect(choice(aether.readme, "The design's examples of a developer's files stay theirs."))
      .toContain('a step gives the three files in the form those providers take');
  });

  test('every kind is one a provider of the cluster installs, through a ProviderConfig the cluster has', () => {
    const configs = aether.objects.filter((o) => o.kind === 'ProviderConfig').map((o) => `${groupOf(o.apiVersion)} ${o.metadata.name}`);
    const configGroup: Record<string, string> = {
      's3.aws.upbound.io': 'aws.upbound.io', 'openidclient.keycloak.crossplane.io': 'keycloak.crossplane.io', 'postgresql.sql.crossplane.io': 'postgresql.sql.crossplane.io',
    };
    for (const document of documents) {
      expect([document.kind, crossplaneProviderEntry(groupOf(document.apiVersion), document.kind)]).not.toEqual([document.kind, undefined]);
      expect(configs).toContain(`${configGroup[groupOf(document.apiVersion)]} ${document.spec.providerConfigRef.name}`);
    }
    // The design's Client is of the ProviderConfig's group, which serves no Client.
    expect(crossplaneProviderEntry(groupOf(DESIGN_CLIENT.apiVersion), DESIGN_CLIENT.kind)).toBeUndefined();
  });

  const withSchemas = validator.hasSchema('s3.aws.upbound.io/v1beta1', 'Bucket');
  (withSchemas ? test : test.skip)('the files the upstream CRDs define pass strict validation, where the design\'s Bucket and Client do not', () => {
    for (const document of documents.filter((d) => validator.hasSchema(d.apiVersion, d.kind))) {
      expect([document.kind, validator.validate(document)]).toEqual([document.kind, []]);
    }
    expect(documents.filter((d) => validator.hasSchema(d.apiVersion, d.kind)).map((d) => d.kind)).toEqual(expect.arrayContaining(['Bucket', 'Client', 'Database']));
    const bucket = (validator.validate(DESIGN_BUCKET) ?? []).map((v) => v.message).join('; ');
    expect(bucket).toMatch(/unknown field "acl"/);
    expect(bucket).toMatch(/region/);
    expect(validator.hasSchema(DESIGN_CLIENT.apiVersion, DESIGN_CLIENT.kind)).toBe(false);
  });

  test("the public client keeps the design's settings, with PKCE; the bucket stays public-read", () => {
    expect(byKind('Client').spec.forProvider).toMatchObject({
      clientId: 'portfolio', realmId: 'aether', accessType: 'PUBLIC', standardFlowEnabled: true, pkceCodeChallengeMethod: 'S256',
      rootUrl: 'https://portfolio.shdr.ch', validRedirectUris: ['https://portfolio.shdr.ch/*'],
    });
    expect(byKind('BucketACL').spec.forProvider).toMatchObject({ acl: 'public-read', bucketRef: { name: byKind('Bucket').metadata.name } });
  });

  test("the database's login reaches the design's Secret projects/portfolio-db-creds, through the Role that owns it", () => {
    const role = byKind('Role');
    expect(role.spec.writeConnectionSecretToRef).toEqual({ name: 'portfolio-db-creds', namespace: 'projects' });
    expect(role.spec.forProvider.privileges.login).toBe(true);
    expect(byKind('Database').spec.forProvider.owner).toBe(role.metadata.name);
    expect(byKind('Database').spec.writeConnectionSecretToRef).toBeUndefined();
  });
});
