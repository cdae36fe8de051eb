import { envOrder } from '../constructs/app/env';
import { SecretReference } from '../constructs';

// Kubernetes expands `$(NAME)` only from the variables listed before it.
describe('envOrder', () => {
  test('by name when no value references another', () => {
    expect(envOrder(new Map([['B', 'x'], ['A', 'y']]))).toEqual(['A', 'B']);
  });

  test('a variable comes after the ones it references, the rest by name', () => {
    const env = new Map<string, string | SecretReference>([
      ['PGPASS', SecretReference.external('db', 'pg', 'password')],
      ['DATABASE_URL', 'postgres://app:$(PGPASS)@db/app?user=$(PGUSER)'],
      ['PGUSER', 'app'],
      ['A_FIRST', 'x'],
    ]);
    expect(envOrder(env)).toEqual(['A_FIRST', 'PGPASS', 'PGUSER', 'DATABASE_URL']);
  });

  test('escaped and unknown references keep name order; a cycle is broken where it is met first', () => {
    expect(envOrder(new Map([['A', '$$(B)'], ['B', 'x']]))).toEqual(['A', 'B']);
    expect(envOrder(new Map([['A', '$(NOPE)'], ['B', 'x']]))).toEqual(['A', 'B']);
    expect(envOrder(new Map([['A', '$(B)'], ['B', '$(A)']]))).toEqual(['B', 'A']);
  });
});
