import { AppController } from '../app/controller';
import { AppDevice } from '../app/devices';
import { AppVolume } from '../app/volumes';
import { IngressTls } from '../platform/ingress-nginx';
import { SecretReference } from '../secrets/secret-reference';
import { SopsSecret } from '../secrets/sops-secret';
import { ForgejoDatabase } from '../services/forgejo-database';
import { JellyfinMedia, JellyfinTranscoding } from '../services/jellyfin';
import { closestName } from './closest-name';

// Plain JavaScript lets a lab call a factory the library does not have (`JellyfinTranscoding.quickSync()`,
// `SecretReference.of(…)`, as another tool or an old guide names it): the call throws "… is not a function" in
// the chart's own code, before the construct it was meant for exists.

/** The library's objects of factories, by the name a lab imports them under. */
function factoryHolders(): ReadonlyMap<string, object> {
  return new Map<string, object>([
    ['AppController', AppController], ['AppDevice', AppDevice], ['AppVolume', AppVolume], ['ForgejoDatabase', ForgejoDatabase],
    ['IngressTls', IngressTls], ['JellyfinMedia', JellyfinMedia], ['JellyfinTranscoding', JellyfinTranscoding],
    ['SecretReference', SecretReference], ['SopsSecret', SopsSecret],
  ]);
}

/** Names other tools and guides give a factory, by the factory of the library that does it. */
const OTHER_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  JellyfinTranscoding: { quickSync: 'intelQsv', qsv: 'intelQsv', intel: 'intelQsv', vaapi: 'dri', nvenc: 'nvidia' },
  AppVolume: { pvc: 'claim', persistentVolumeClaim: 'claim', host: 'hostPath', tmp: 'emptyDir' },
  SecretReference: { of: 'external', fromSecret: 'external', secret: 'external' },
};

/** What a hint adds for a holder whose factories are not all the ways to make its values. */
const OTHER_WAYS: Readonly<Record<string, string>> = {
  SecretReference: "; a key of a Secret the repository makes comes from its construct: sealed.key('password')",
};

/** The factories of `holder`: its own functions, a class's static methods included. */
function factoriesOf(holder: object): string[] {
  return Object.getOwnPropertyNames(holder).filter((name) => typeof (holder as Record<string, unknown>)[name] === 'function' && name !== 'constructor').sort();
}

/**
 * What is wrong with a call of a factory the library does not have, from the message the call threw
 * (`JellyfinTranscoding.quickSync is not a function`, its module's name first where compiled code calls it); undefined
 * for any other message. Pure.
 */
export function unknownFactoryProblem(message: string): { field: string; message: string; hint: string } | undefined {
  // Compiled or bundled code names the imported module first (`import_cdk8s_homelab.AppVolume.pvc`, `lib_1.AppVolume.pvc`).
  const called = /^(?:[\w$]+\.)?([A-Z][\w$]*)\.([\w$]+) is not a function$/.exec(message);
  const holder = called ? factoryHolders().get(called[1]) : undefined;
  if (!called || holder === undefined) {
    return undefined;
  }
  const [, name, factory] = called;
  const factories = factoriesOf(holder);
  const meant = OTHER_NAMES[name]?.[factory] ?? closestName(factory, factories);
  return {
    field: `${name}.${factory}`,
    message: `${name} has no factory ${factory}, so the call threw before the construct it was meant for was made`,
    hint: `${meant !== undefined ? `call ${name}.${meant}(…); ` : ''}${name}'s factories are ${factories.map((f) => `${f}()`).join(', ')}${OTHER_WAYS[name] ?? ''}`,
  };
}
