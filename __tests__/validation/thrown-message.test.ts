import { App as CdkApp } from 'cdk8s';
import { constructionFinding } from '../../constructs/validation/construction-errors';
import { circularField } from '../../constructs/validation/json-values';
import { thrownMessage } from '../../constructs/validation/thrown-message';
import { labApp, labCluster } from '../bad-input/lab';

describe('a thrown value is named by what it is', () => {
  test.each([
    ['an Error', new TypeError('boom'), 'boom'],
    ['an Error without a message', new Error(), 'Error without a message'],
    ['text', 'oops', 'oops'],
    ['undefined', undefined, 'undefined was thrown instead of an Error'],
    ['null', null, 'null was thrown instead of an Error'],
    ['a number', 42, '42 was thrown instead of an Error'],
    ['a plain object, by its keys', { code: 42 }, 'an object with code was thrown instead of an Error'],
    ['an object of a class', new (class Failure { reason = 'x'; })(), 'an object of class Failure with reason was thrown instead of an Error'],
    ['a list', [1, 2], 'a list was thrown instead of an Error'],
  ])('%s', (_what, thrown, expected) => {
    expect(thrownMessage(thrown)).toBe(expected);
  });

  test('an Error of another realm is still an Error', () => {
    const foreign = Object.create(null) as { name: string; message: string };
    foreign.name = 'Error';
    foreign.message = 'from elsewhere';
    expect(thrownMessage(foreign)).toBe('from elsewhere');
  });

  test('an object thrown by a chart is named by its keys, never its values, and never as [object Object]', () => {
    const root = new CdkApp();
    labApp('web')(labCluster(root));
    const finding = constructionFinding(root, { code: 42, password: 'hunter2-secret' }, 'build');
    expect(finding?.message).toBe('building this construct failed: an object with code, password was thrown instead of an Error');
    expect(JSON.stringify(finding)).not.toContain('hunter2-secret');
  });
});

describe('circularField finds a field that holds one of its own parents', () => {
  test('an object that holds itself', () => {
    const data: Record<string, unknown> = { a: 1 };
    data.self = data;
    expect(circularField({ data })).toEqual({ path: 'data.self', parent: 'data' });
  });

  test('a list item that holds the list\'s owner', () => {
    const data: { items: unknown[] } = { items: [1] };
    data.items.push(data);
    expect(circularField(data)).toEqual({ path: 'items[1]', parent: '' });
  });

  test('one object in two places is no cycle', () => {
    const shared = { a: '1' };
    expect(circularField({ data: shared, binaryData: shared, list: [shared, shared] })).toBeUndefined();
  });
});
