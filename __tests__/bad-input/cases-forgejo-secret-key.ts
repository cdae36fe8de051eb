import { ClusterChart, Forgejo, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Forgejo's SECRET_KEY comes from a Secret: left empty, Forgejo would use the key written into its source.

const forgejo = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { route: { host: 'git' }, ...props } as any));

export const CASES: BadInput[] = [
  {
    name: "Forgejo's secretKey written as text, as app.ini takes it",
    build: forgejo({ secretKey: 'a-key-anybody-reads-in-git' }),
    layer: 'props', path: 'forgejo', field: 'secretKey',
  },
  {
    name: "Forgejo's secretKey in a Secret of another namespace",
    build: forgejo({ secretKey: SecretReference.external('git', 'forgejo-secret-key', 'SECRET_KEY') }),
    layer: 'references', path: 'forgejo', field: 'secretKey', hint: /namespace "forgejo"/,
  },
];
