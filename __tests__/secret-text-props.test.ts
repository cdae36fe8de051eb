import { SecretReference } from '../constructs';
import { instanceOf, propProblems } from '../constructs/validation/known-props';

// A SecretReference prop given text: the text is often the password itself, which a finding would print
// into the terminal and into CI's logs; it is named by its length, never written out.

const shape = { password: instanceOf(SecretReference, 'a SecretReference') };

test('a password written as text is not repeated in the finding', () => {
  const [problem] = propProblems('Database', { password: 'hunter2-correct-horse' }, shape);
  expect(problem.field).toBe('password');
  expect(`${problem.message} ${problem.hint}`).not.toContain('hunter2');
  expect(problem.message).toMatch(/text of 21 characters/);
});

test('another value where a SecretReference belongs is still described', () => {
  const [problem] = propProblems('Database', { password: 42 }, shape);
  expect(problem.message).toMatch(/42/);
});
