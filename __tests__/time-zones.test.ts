import { timeZoneProblem } from '../constructs/validation/cron';

// Canonical names skip the slow lookup; this holds only while each of them is one the lookup keeps as written.
test('every canonical zone name of the runtime resolves to itself and is accepted', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  expect(zones.length).toBeGreaterThan(300);
  for (const zone of zones) {
    expect(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone).toBe(zone);
    expect(timeZoneProblem(zone)).toBeUndefined();
  }
});

test.each([
  ['europe/oslo', /case-sensitive.*Europe\/Oslo/],
  ['utc', /case-sensitive/],
  ['Mars/Olympus', /unknown time zone/],
])('%s is refused', (zone, message) => {
  expect(timeZoneProblem(zone)).toMatch(message);
});

test('aliases the runtime knows are accepted as written', () => {
  expect(timeZoneProblem('US/Pacific')).toBeUndefined();
  expect(timeZoneProblem('Etc/UTC')).toBeUndefined();
});
