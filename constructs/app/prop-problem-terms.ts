import type { PropProblem } from '../validation/known-props';

// A construct that builds Apps from props of its own (a media container from a compose-like entry) has the
// App's findings about its props told in its own terms: the App's prop names (`persistence`) are props its
// user never wrote.

/** Rewrites a problem of an App's props in the terms of the props the App was built from. */
export type PropProblemTerms = (problem: PropProblem) => PropProblem;

const TERMS = new WeakMap<object, PropProblemTerms>();

/** Marks `appProps` as built from props of another construct, whose terms `terms` gives; returns them. */
export function appPropsInTermsOf<T extends object>(appProps: T, terms: PropProblemTerms): T {
  TERMS.set(appProps, terms);
  return appProps;
}

/** `copy` of `appProps`, in the terms `appProps` is (see {@link appPropsInTermsOf}). */
export function withPropTerms<T extends object>(appProps: object, copy: T): T {
  const terms = TERMS.get(appProps);
  return terms === undefined ? copy : appPropsInTermsOf(copy, terms);
}

/** `problems` of `appProps` in the terms of the props they were built from, or as they are for a plain App. Pure. */
export function inPropTerms(appProps: unknown, problems: readonly PropProblem[]): PropProblem[] {
  const terms = typeof appProps === 'object' && appProps !== null ? TERMS.get(appProps) : undefined;
  return terms === undefined ? [...problems] : problems.map(terms);
}

/** How `appProps` names the App's prop `prop` in the terms of the props it was built from, as a function that holds only those terms. */
export function propInTermsOf(appProps: unknown): (prop: string) => string {
  const terms = typeof appProps === 'object' && appProps !== null ? TERMS.get(appProps) : undefined;
  return terms === undefined ? (prop) => prop : (prop) => terms({ field: prop, message: '', hint: '' }).field;
}
