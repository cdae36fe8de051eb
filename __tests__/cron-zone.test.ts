import { App as CdkApp } from 'cdk8s';
import { App, AppController, synthesize } from '../constructs';
import { cronZoneProblems } from '../constructs/app/time-zone-env';
import { labCluster } from './bad-input/lab';

// A CronJob's schedule is read in the controller manager's zone, not in the container's TZ: a warning where the
// two likely differ, and nothing where the zone cannot move the run.

const cron = (schedule: string, tz?: string, timeZone?: string) => cronZoneProblems({
  controller: AppController.cronJob({ schedule, ...(timeZone ? { timeZone } : {}) }), env: tz === undefined ? {} : { TZ: tz },
});

describe('a CronJob app with a zone in TZ', () => {
  test.each([['0 4 * * *'], ['30 2 * * 0'], ['@daily'], ['@weekly'], ['0 1-5 * * *']])('%s at a time of day is a warning whose hint gives the CronJob the zone', (schedule) => {
    expect(cron(schedule, 'Europe/Berlin')).toEqual([{
      severity: 'warning', field: 'controller.props.schedule',
      message: expect.stringContaining('not in env.TZ Europe/Berlin'),
      hint: `give the CronJob its zone: controller: AppController.cronJob({ schedule: '${schedule}', timeZone: 'Europe/Berlin' })`,
    }]);
  });

  test.each([['*/15 * * * *'], ['0 * * * *'], ['@hourly'], ['5 */2 * * *']])('%s, which runs alike in every zone of whole hours, is left alone', (schedule) => {
    expect(cron(schedule, 'Europe/Berlin')).toEqual([]);
  });

  test.each([['UTC'], ['Etc/UTC'], ['GMT'], ['Etc/GMT']])('TZ %s, the controller manager\'s own zone on most servers, is left alone', (tz) => {
    expect(cron('0 4 * * *', tz)).toEqual([]);
  });

  test('a CronJob with its own timeZone, or no TZ, is left alone', () => {
    expect(cron('0 4 * * *', 'Europe/Berlin', 'Europe/Berlin')).toEqual([]);
    expect(cron('0 4 * * *')).toEqual([]);
  });

  test('the app synthesizes with the warning on its schedule, and without it once the CronJob has the zone', () => {
    const findings = (timeZone?: string) => {
      const app = new CdkApp();
      const cluster = labCluster(app);
      new App(cluster, 'nightly', {
        namespace: 'jobs', image: 'ghcr.io/bluemap-minecraft/bluemap:v5.4', args: ['-r'], env: { TZ: 'Europe/Berlin' },
        controller: AppController.cronJob({ schedule: '0 4 * * *', ...(timeZone ? { timeZone } : {}) }),
      });
      return synthesize(app, { outdir: 'unused', write: false }).findings.filter((f) => f.constructPath === 'main/nightly' && f.field === 'controller.props.schedule');
    };
    expect(findings().map((f) => f.severity)).toEqual(['warning']);
    expect(findings('Europe/Berlin')).toEqual([]);
  });
});
