import { App, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the lab's package caches and code checks from the README alone: Sonatype Nexus with the memory
// options its system requirements give, and SonarQube against PostgreSQL with its data, extensions and logs
// folders on volumes. Each mistake passed synthesis and then crashed at start or was killed for memory.

/** Nexus on /nexus-data as its user 200, its JVM told `vmParams` in INSTALL4J_ADD_VM_PARAMS, under a limit of `memoryLimit`. */
const nexus = (vmParams: string, memoryLimit: string) => guarded((cluster: ClusterChart) => new App(cluster, 'nexus', {
  image: 'sonatype/nexus3:3.75.1', ports: [{ name: 'http', port: 8081 }, { name: 'docker', port: 8082 }], runAsUser: 200, fsGroup: 200,
  env: { INSTALL4J_ADD_VM_PARAMS: vmParams },
  resources: { cpuRequest: '500m', memoryRequest: memoryLimit, memoryLimit },
  persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '50Gi' }), mountPath: '/nexus-data' } },
  route: { host: 'nexus' },
}));

/** SonarQube against PostgreSQL, its password from a Secret, with the three folders its docs list on volumes and nothing at its temp. */
const sonarqube = guarded((cluster: ClusterChart) => new App(cluster, 'sonarqube', {
  image: 'sonarqube:10.7.0-community', ports: [{ name: 'http', port: 9000 }], fsGroup: 1000, route: { host: 'sonar' },
  env: { SONAR_JDBC_URL: 'jdbc:postgresql://sonar-db.sonarqube.svc.cluster.local:5432/sonar', SONAR_JDBC_PASSWORD: SecretReference.external('sonarqube', 'sonar-db', 'password') },
  resources: { memoryRequest: '3Gi', memoryLimit: '3Gi' },
  persistence: Object.fromEntries(['data', 'extensions', 'logs'].map((folder) => [folder, { volume: AppVolume.claim({ tier: 'local', size: '5Gi' }), mountPath: `/opt/sonarqube/${folder}` }])),
}));

const NEXUS_DOCUMENTED = '-Xms2703m -Xmx2703m -XX:MaxDirectMemorySize=2703m -Djava.util.prefs.userRoot=/nexus-data/javaprefs';

export const CASES: BadInput[] = [
  {
    name: "Nexus given its documented heap and direct memory under a limit that holds the heap alone",
    build: nexus(NEXUS_DOCUMENTED, '4Gi'), layer: 'props', path: 'nexus', field: 'env.INSTALL4J_ADD_VM_PARAMS', message: /MaxDirectMemorySize/, hint: /memoryLimit to at least 8109Mi/,
  },
  {
    name: 'SonarQube on a read-only root with no volume at its temporary folder',
    build: sonarqube, layer: 'props', path: 'sonarqube', field: 'image', hint: /mountPath: '\/opt\/sonarqube\/temp'/,
  },
];
