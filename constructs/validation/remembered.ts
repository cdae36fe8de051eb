/** Answers kept at most, per remembered function. */
const MAX_ANSWERS = 10_000;

/**
 * `compute` with its answers for strings seen before kept: label keys, image references and quantities
 * repeat across thousands of objects. Bounded, so a long-lived process that sees endless distinct
 * strings does not keep them all.
 */
export function remembered<T>(compute: (text: string) => T): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) {
      return answers.get(text) as T;
    }
    if (answers.size >= MAX_ANSWERS) {
      answers.clear();
    }
    const answer = compute(text);
    answers.set(text, answer);
    return answer;
  };
}
