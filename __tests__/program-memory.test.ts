import { programMemoryProblems } from '../constructs/app/program-memory';
import { runtimeDirProblems } from '../constructs/app/image-runtime-dirs';

// The JVM's direct memory counts beside its heap, and SonarQube's temporary folder needs a volume: the setups the
// upstream docs give pass, and only those that would be killed or stop at start are refused.

const NEXUS_DOCUMENTED = '-Xms2703m -Xmx2703m -XX:MaxDirectMemorySize=2703m -Djava.util.prefs.userRoot=/nexus-data/javaprefs';
const nexus = (memoryLimit: string) => ({ image: 'sonatype/nexus3:3.75.1', env: { INSTALL4J_ADD_VM_PARAMS: NEXUS_DOCUMENTED }, resources: { memoryLimit } });

test("Nexus' documented heap and direct memory pass under the 8Gi its system requirements give, and not under 4Gi", () => {
  expect(programMemoryProblems(nexus('8Gi'), 'nexus')).toEqual([]);
  expect(programMemoryProblems(nexus('4Gi'), 'nexus').map((p) => p.field)).toEqual(['env.INSTALL4J_ADD_VM_PARAMS']);
});

test('a heap alone is judged as before, on the command line too', () => {
  expect(programMemoryProblems({ image: 'eclipse-temurin:21', command: ['java', '-Xmx3g', '-jar', 'app.jar'], resources: { memoryLimit: '4Gi' } }, 'app')).toEqual([]);
  expect(programMemoryProblems({ image: 'eclipse-temurin:21', command: ['java', '-Xmx3g', '-XX:MaxDirectMemorySize=1g', '-jar', 'app.jar'], resources: { memoryLimit: '4Gi' } }, 'app')
    .map((p) => p.field)).toEqual(['command']);
});

test('SonarQube with a volume at /opt/sonarqube/temp, or told another folder, starts on a read-only root', () => {
  const folders = { data: '/opt/sonarqube/data', extensions: '/opt/sonarqube/extensions', logs: '/opt/sonarqube/logs' };
  const sonarqube = (extra: Record<string, string>, args?: string[]) => ({
    image: 'sonarqube:10.7.0-community', args,
    persistence: Object.fromEntries(Object.entries({ ...folders, ...extra }).map(([name, mountPath]) => [name, { volume: { type: 'emptyDir', emptyDir: {} }, mountPath }])),
  });
  expect(runtimeDirProblems(sonarqube({}) as never, 'sonarqube').map((p) => p.field)).toEqual(['image']);
  expect(runtimeDirProblems(sonarqube({ temp: '/opt/sonarqube/temp' }) as never, 'sonarqube')).toEqual([]);
  expect(runtimeDirProblems(sonarqube({}, ['-Dsonar.path.temp=/tmp/sonarqube']) as never, 'sonarqube')).toEqual([]);
});
