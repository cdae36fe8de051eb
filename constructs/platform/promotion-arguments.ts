import { describeValue } from '../inventory/problems';
import { InputError } from '../validation/input-error';
import { optionalArgument, requiredArgument } from './component-arguments';
import type { PromotionChainProps } from './promotion';

const CALL = 'promotionChain()';
const EXAMPLE = "promotionChain({ stages: ['sandbox', 'cloud'], pins: { 'uptime-kuma': { sandbox: '1.23.16', cloud: '1.23.15' } } })";

/**
 * `props` when a promotion chain can be made of them: its stages a list of names, its pins an object of
 * versions by stage, each version text. Plain JavaScript that gives another shape gets the input error of
 * the field at fault, rather than a TypeError once a cluster is attached or a pin asked for.
 */
export function checkedPromotionProps(props: PromotionChainProps): PromotionChainProps {
  requiredArgument(props, CALL, 'props', 'object', EXAMPLE);
  requiredArgument(props.stages, CALL, 'stages', 'list', `the names of the clusters in promotion order, e.g. ${EXAMPLE}`)
    .forEach((stage, i) => requiredArgument(stage, CALL, `stages[${i}]`, 'text', "a cluster's name, e.g. 'sandbox'"));
  for (const [name, byStage] of Object.entries(requiredArgument(props.pins, CALL, 'pins', 'object', `the versions of each thing by stage, e.g. ${EXAMPLE}`))) {
    for (const [stage, version] of Object.entries(requiredArgument(byStage, CALL, `pins.${name}`, 'object', `its version by stage, e.g. { ${props.stages[0] ?? 'sandbox'}: '1.0.0' }`))) {
      requiredArgument(version, CALL, `pins.${name}.${stage}`, 'text', "the version, e.g. '1.0.0'");
    }
  }
  optionalArgument(props.branch, 'main', CALL, 'branch', 'text', "the Git branch every stage follows, e.g. branch: 'main'");
  return props;
}

/** The input error of `pin(name, stage)` that names no pin of the chain (`pins`), with the names and stages it has. */
export function unknownPinError(name: unknown, stage: unknown, pins: PromotionChainProps['pins'], stages: readonly string[]): InputError {
  const byStage = typeof name === 'string' ? pins[name] : undefined;
  const hint = byStage === undefined
    ? `name one of: ${Object.keys(pins).sort().join(', ') || '(none)'}, or add it to pins`
    : `give one of its stages: ${Object.keys(byStage).filter((s) => stages.includes(s)).join(', ') || '(none)'}, or pin it for ${describeValue(stage)} in pins.${name}`;
  return new InputError(`the promotion chain pins no version of ${describeValue(name)} for stage ${describeValue(stage)}`, `pin(${typeof name === 'string' ? name : ''})`, hint);
}

/** Nothing when `cluster` is a cluster chart, else the input error of `attach()`. */
export function requiredCluster(cluster: unknown): void {
  const given = cluster as { clusterName?: unknown; onPrepare?: unknown } | null | undefined;
  if (typeof given?.clusterName !== 'string' || typeof given.onPrepare !== 'function') {
    throw new InputError(`attach() was given ${describeValue(cluster)}, not a cluster`, 'attach.cluster', 'give it the ClusterChart of a stage, e.g. releases.attach(this) in its constructor');
  }
}
