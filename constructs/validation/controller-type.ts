import { factoryCall } from './choice-names';
import type { ForeignForm } from './known-props';

/**
 * A controller chosen as Helm's app-template chooses it (`controllers.main.type: statefulset`): one problem
 * on `controller.type` whose hint is the AppController call of that kind. Pure.
 */
export function controllerTypeForm(controller: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  if (typeof controller.type !== 'string' || controller.kind !== undefined) {
    return undefined;
  }
  return {
    key: 'type', keys: Object.keys(controller),
    message: `controller.type "${controller.type}" is app-template's way to choose the controller, which an App does not read`,
    hint: `make the controller with AppController: ${factoryCall('controller', controller.type)}`,
  };
}

/** An App's props whose `controller` is the name of a kind (`controller: 'statefulset'`): one problem on `controller`. Pure. */
export function controllerNameForm(props: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  if (typeof props.controller !== 'string') {
    return undefined;
  }
  return {
    key: 'controller', keys: ['controller'],
    message: `controller is "${props.controller}", the name of a kind, where the controller is an object AppController makes`,
    hint: `make the controller with AppController: ${factoryCall('controller', props.controller)}`,
  };
}
