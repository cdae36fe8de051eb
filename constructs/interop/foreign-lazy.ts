import { App, IResolver, Lazy, ResolutionContext } from 'cdk8s';

// A bundle of a lab may carry cdk8s and leave a package built on it, such as cdk8s-plus-30, to
// node_modules, where it loads cdk8s of its own. The L2 constructs of cdk8s-plus write Lazy values of
// that copy, which cdk8s' LazyResolver (an `instanceof` test) leaves alone, and its output then fails with
// "can't render non-simple object of type 'Lazy'".

/** jsii's run-time type information, which every copy of cdk8s sets on its classes. */
const JSII_RTTI = Symbol.for('jsii.rtti');

/** Whether `value` is a `Lazy` of another copy of cdk8s. */
function isForeignLazy(value: unknown): value is { produce(): unknown } {
  if (value === null || typeof value !== 'object' || value instanceof Lazy) {
    return false;
  }
  const type = (value.constructor as unknown as Record<symbol, { fqn?: unknown } | undefined> | undefined)?.[JSII_RTTI];
  return type?.fqn === 'cdk8s.Lazy' && typeof (value as { produce?: unknown }).produce === 'function';
}

/** Resolves a `Lazy` of another copy of cdk8s as cdk8s' own LazyResolver resolves its own. */
export class ForeignLazyResolver implements IResolver {
  public resolve(context: ResolutionContext): void {
    if (isForeignLazy(context.value)) {
      context.replaceValue(context.value.produce());
    }
  }
}

/** The App that synthesis builds the lab in: cdk8s' own, which also resolves the Lazy values of another copy of cdk8s. */
export function synthApp(outdir: string): App {
  return new App({ outdir, resolvers: [new ForeignLazyResolver()] });
}
