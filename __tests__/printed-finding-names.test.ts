import { formatFinding } from '../constructs/validation/finding';

// A construct id or a field named after a key the user wrote (an env name, a persistence entry) may hold the
// line break or tab of the file it was copied from: the printed finding keeps it on its one line, escaped.
test('a line break or tab in the construct path or the field is printed escaped, on the finding\'s line', () => {
  const text = formatFinding({ layer: 'props', severity: 'error', constructPath: 'main/bazarr\n', field: 'env.TZ\n\tX', message: 'refused', hint: 'rename it' });
  expect(text.split('\n')).toEqual(['ERROR [props] main/bazarr\\n env.TZ\\n\\tX: refused', '      hint: rename it']);
});
