import { cronScheduleProblem } from '../constructs/validation/cron';

// A day of month that none of the schedule's months has never comes, so the CronJob never runs.

test.each(['0 3 30 2 *', '0 3 31 4,6,9,11 *', '0 3 31 APR-JUN/2 *', '0 3 30-31 FEB ?'])('%s never fires', (schedule) => {
  expect(cronScheduleProblem(schedule)).toMatch(/never comes in month/);
});

test.each(['0 3 31 * *', '0 3 29 2 *', '0 3 30 2 MON', '0 3 31 4,5 *', '0 3 */15 2 *', '0 3 31 4-7/3 *'])('%s fires', (schedule) => {
  expect(cronScheduleProblem(schedule)).toBeUndefined();
});

test('@every with a Go duration is a schedule the controller takes; without one it is not', () => {
  expect(cronScheduleProblem('@every 1h')).toBeUndefined();
  expect(cronScheduleProblem('@every 1h30m')).toBeUndefined();
  expect(cronScheduleProblem('@every 1 hour')).toMatch(/Go duration/);
  expect(cronScheduleProblem('@every 500ms')).toMatch(/a second or more/);
});
