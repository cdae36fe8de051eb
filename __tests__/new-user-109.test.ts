import { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, MediaContainers } from '../constructs';
import type { AppProps, Finding } from '../constructs';
import { gpu1, guarded, labCluster } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's time zones, typed in as the clock shows them: `EST` and `MST` are zones of the tz database, which the
// API server takes, but each keeps one offset all year where New York and Denver move their clocks in summer. A
// warning on the prop that wrote it; the place's name, a POSIX rule and Hawaii's HST stay without one.

/** The lab's cluster with a nightly backup App `backup` whose props `props` change. */
const backupLab = (props: Partial<AppProps>) => guarded((scope: Construct) => new App(labCluster(scope as CdkApp), 'backup', {
  image: 'busybox:1.36', command: ['sh', '-c', 'date'], controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'America/New_York' }), ...props,
}));

/** The lab's cluster with one MediaContainers Sonarr whose settings name the zone `tz`. */
const mediaLab = (tz: string) => guarded((scope: Construct) => new MediaContainers(labCluster(scope as CdkApp), 'media', {
  settings: { puid: 1000, pgid: 1000, tz, configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' },
  containers: { sonarr: { image: 'lscr.io/linuxserver/sonarr:4.0.14', host: gpu1, listenPort: 8989 } },
}));

/** The findings about zones, one line each: severity, construct path, field and hint. */
const zoneFindings = (define: (scope: Construct) => void): string[] => aboutTheLab(synthInMemory(define).findings)
  .filter((f: Finding) => /time zone|TZ/.test(f.message))
  .map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint}`);

describe('a zone that keeps one offset all year where its region has summer time', () => {
  test("a CronJob's timeZone EST is a warning whose hint names New York", () => {
    expect(zoneFindings(backupLab({ controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'EST' }) }))).toEqual([
      expect.stringMatching(/^warning main\/backup controller\.props\.timeZone: .*timeZone: 'America\/New_York'/),
    ]);
  });

  test("a container's TZ MST is a warning whose hint names Denver", () => {
    expect(zoneFindings(backupLab({ env: { TZ: 'MST' } }))).toEqual([
      expect.stringMatching(/^warning main\/backup env\.TZ: .*env: \{ TZ: 'America\/Denver' \}/),
    ]);
  });

  test("media settings' tz EST is a warning on settings.tz", () => {
    expect(zoneFindings(mediaLab('EST'))).toEqual([
      expect.stringMatching(/^warning main\/media\/sonarr settings\.tz: .*tz: 'America\/New_York'/),
    ]);
  });

  test('the place, a POSIX rule, a leading colon and HST are left alone', () => {
    expect(zoneFindings(backupLab({ env: { TZ: 'America/New_York' } }))).toEqual([]);
    expect(zoneFindings(backupLab({ env: { TZ: 'EST5EDT' }, controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'HST' }) }))).toEqual([]);
    expect(zoneFindings(backupLab({ env: { TZ: ':America/Denver' }, controller: AppController.cronJob({ schedule: '0 3 * * *', timeZone: 'CET' }) }))).toEqual([]);
    expect(zoneFindings(mediaLab('America/New_York'))).toEqual([]);
  });
});
