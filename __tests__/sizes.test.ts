import { parseSize } from '../constructs/app/quantities';

// Sizes as Kubernetes takes them, with a unit: a bare number of bytes is nearly always a unit left out.
describe('parseSize', () => {
  test.each(['512Mi', '1.5Gi', '50Gi', '2Ti', '2G', '500G', '750M', '.5Gi'])('%s is a size', (size) => expect(parseSize(size)).toBe(size));
  test.each(['512', '1GB', '1 Gi', '500m', '-1Gi', 'Gi', '1e9'])('%s is not', (size) => expect(() => parseSize(size)).toThrow(/is not a size/));
  test.each(['0Gi', '0G', '0.0Mi'])('%s is zero', (size) => expect(() => parseSize(size)).toThrow(/is zero/));
});
