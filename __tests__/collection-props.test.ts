import { propProblems } from '../constructs';

// Props built with JavaScript's own collections, or returned by an async function: their contents are no
// keys of them, so each is one problem on the prop that holds it, and the props it lacks are not each missing too.

describe('a Map, Set, Date or promise where props belong', () => {
  const shape = { image: 'string', labels: { '{}': 'string' } } as const;
  const rules = { required: [['image', "give the image, e.g. image: 'nginxinc/nginx-unprivileged:1.27.0'"]] as Array<[string, string]> };

  test('props given as a promise are one problem, not one more per required prop', () => {
    const problems = propProblems('App', Promise.resolve({ image: 'nginxinc/nginx-unprivileged:1.27.0' }), shape, rules);
    expect(problems.map((p) => p.field)).toEqual(['App']);
    expect(problems[0].message).toMatch(/promise/);
  });

  test('labels given as a Map are one problem on labels, hinting Object.fromEntries', () => {
    const problems = propProblems('App', { image: 'nginxinc/nginx-unprivileged:1.27.0', labels: new Map([['tier', 'web']]) }, shape, rules);
    expect(problems.map((p) => p.field)).toEqual(['labels']);
    expect(problems[0].hint).toMatch(/Object\.fromEntries/);
  });

  test('a plain object of labels passes', () => {
    expect(propProblems('App', { image: 'nginxinc/nginx-unprivileged:1.27.0', labels: { tier: 'web' } }, shape, rules)).toEqual([]);
  });
});
