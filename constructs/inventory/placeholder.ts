import { credentialIn, urlPasswordIn } from '../validation/secret-values';
import type { InventoryProblem } from './problems';

/** What a placeholder stands for, and what the owner has to do about it. */
export interface PlaceholderInfo {
  /** The fact in words, e.g. `NFS server address`. */
  readonly fact: string;
  /** What the owner should set it to, e.g. `set to the NFS server's LAN address`. */
  readonly owner: string;
}

/**
 * A fact the owner has not given yet, written with a plausible stand-in value. Synthesis uses the value as
 * if it were real, and lists every placeholder still to fill in (summary, `--json`, the cluster README).
 * The type parameter keeps it as strict as the fact it stands for: a GPU vendor placeholder must hold a
 * vendor the library knows.
 */
export class Placeholder<T extends string | number = string> {
  /** @internal */
  public readonly isHomelabPlaceholder = true;

  /** @internal */
  constructor(
    /** The stand-in value, used as if it were real. */
    public readonly value: T,
    /** What it stands for and what to do. */
    public readonly info: PlaceholderInfo,
  ) {}

  /** The stand-in value as text, so a placeholder reads naturally in messages. */
  public toString(): string {
    return String(this.value);
  }
}

/** A value of the inventory: either known, or a placeholder for it. */
export type Fact<T extends string | number> = T | Placeholder<T>;

/**
 * Marks a fact the owner has not given yet: `placeholder('10.0.0.20', { fact: 'NFS server address', owner:
 * "set to the NFS server's LAN address" })`. Accepted wherever the inventory takes that fact.
 */
export function placeholder<T extends string | number>(value: T, info: PlaceholderInfo): Placeholder<T> {
  return new Placeholder(value, info);
}

/** Whether a value is a placeholder (also across copies of this library in one process). */
export function isPlaceholder(value: unknown): value is Placeholder<string | number> {
  return typeof value === 'object' && value !== null && (value as { isHomelabPlaceholder?: unknown }).isHomelabPlaceholder === true;
}

/** The value of a fact, whether known or a placeholder. */
export function factValue<T extends string | number>(fact: Fact<T>): T;
export function factValue<T extends string | number>(fact: Fact<T> | undefined): T | undefined;
export function factValue<T extends string | number>(fact: Fact<T> | undefined): T | undefined {
  return isPlaceholder(fact) ? (fact.value as T) : fact;
}

/** A placeholder still in the inventory, with where it is used. */
export interface PendingFact extends PlaceholderInfo {
  /** Where it is set, e.g. `host n5 address`, `site elitedesk nfs.media server`. */
  readonly where: string;
  /** The stand-in value in use, as text. */
  readonly value: string;
}

/**
 * Collects the placeholders of an inventory object as its facts are read: `read(props.address, 'address')`
 * returns the value and remembers the placeholder, if it is one.
 */
export class PendingFacts {
  private readonly pending: PendingFact[] = [];

  constructor(
    /** Prefix of every `where`, e.g. `host n5`. */
    private readonly owner: string,
    /** Where a placeholder that does not say what it stands for is recorded (the object's problems). */
    private readonly problems: InventoryProblem[],
  ) {}

  /** The value of `fact`; a placeholder is remembered under `field`. */
  public read<T extends string | number>(fact: Fact<T>, field: string): T;
  public read<T extends string | number>(fact: Fact<T> | undefined, field: string): T | undefined;
  public read<T extends string | number>(fact: Fact<T> | undefined, field: string): T | undefined {
    if (isPlaceholder(fact)) {
      const problem = placeholderInfoProblem(fact, field);
      if (problem) {
        this.problems.push(problem);
      }
      this.pending.push(pendingFact(fact, `${this.owner} ${field}`));
    }
    return factValue(fact);
  }

  /** The placeholders read so far, in the order they were read. */
  public get list(): readonly PendingFact[] {
    return this.pending;
  }
}

/**
 * What is wrong with a placeholder's description, if anything: the owner's to-do list shows its `fact`
 * and `owner`, so a missing or blank one leaves an item nobody can act on, and a credential written into one
 * is committed with the README. From JavaScript, the
 * description may be missing altogether; the placeholder is still a placeholder.
 */
export function placeholderInfoProblem(fact: Placeholder<string | number>, field: string): InventoryProblem | undefined {
  const info: Partial<Record<keyof PlaceholderInfo, unknown>> = typeof fact.info === 'object' && fact.info !== null ? fact.info : {};
  const blank = (['fact', 'owner'] as const).filter((key) => typeof info[key] !== 'string' || (info[key] as string).trim() === '');
  if (blank.length === 0) {
    return writtenSecretProblem(info as PlaceholderInfo, field);
  }
  return {
    field,
    message: `the placeholder for ${field} does not say ${blank.map((key) => (key === 'fact' ? 'what it stands for' : 'what to do about it')).join(' and ')}`,
    hint: "describe it: placeholder(value, { fact: 'what it is', owner: 'what to set it to' })",
  };
}

/** A description that writes out a credential: the README that lists the placeholder is committed. */
function writtenSecretProblem(info: PlaceholderInfo, field: string): InventoryProblem | undefined {
  for (const key of ['fact', 'owner'] as const) {
    const what = credentialIn(info[key]) ?? (urlPasswordIn(info[key]) !== undefined ? 'a URL with its password written out' : undefined);
    if (what !== undefined) {
      return {
        field, message: `the placeholder for ${field} holds ${what} in its ${key}, and the README that lists it is committed in the clear`,
        hint: 'say what to set and where the secret is kept, not the secret: a SealedSecret, a SopsSecret or an ExternalSecret holds it',
      };
    }
  }
  return undefined;
}

/** A placeholder as the owner's to-do list shows it, set at `where`. */
export function pendingFact(fact: Placeholder<string | number>, where: string): PendingFact {
  const info: Partial<PlaceholderInfo> = typeof fact.info === 'object' && fact.info !== null ? fact.info : {};
  return { where, value: String(fact.value), fact: String(info.fact), owner: String(info.owner) };
}

/** Placeholders of several sources, without repeats, in a stable order. */
export function mergePendingFacts(...lists: ReadonlyArray<readonly PendingFact[]>): PendingFact[] {
  const seen = new Set<string>();
  const merged: PendingFact[] = [];
  for (const fact of lists.flat()) {
    const key = `${fact.where}\u0000${fact.value}`;
    if (!seen.has(key)) {
      seen.add(key);
      merged.push(fact);
    }
  }
  return merged;
}
