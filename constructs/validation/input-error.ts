import type { IConstruct } from 'constructs';

/**
 * Bad input found where a construct cannot go on (there is no sensible value to carry on with). Synthesis
 * turns it into a finding with the construct path, the field and the hint; it never ends in a stack trace.
 * Prefer `reportFinding`, which lets one run report every problem.
 */
export class InputError extends Error {
  constructor(
    message: string,
    /** The prop or field at fault, e.g. `memoryLimit`. */
    public readonly field: string,
    /** How to fix it. */
    public readonly hint: string,
    /** The construct at fault. @default - the construct that was being built */
    public readonly scope?: IConstruct,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Thrown by a construct that cannot be built from props it has reported as findings already; the error
 * channel adds no finding of its own for it.
 */
export class PropsRejected extends Error {
  constructor(what: string) {
    super(`${what} cannot be built from the props reported above`);
    this.name = 'PropsRejected';
  }
}

/** An error thrown while a construct rendered its object, with the construct it came from. */
export class ScopedError extends Error {
  constructor(
    /** The error thrown. */
    public readonly cause: unknown,
    /** The construct that was rendering. */
    public readonly scope: IConstruct,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'ScopedError';
  }
}
