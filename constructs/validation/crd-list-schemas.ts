import type { AddFinding, Fields } from './manifest';
import { fields } from './manifest';

/**
 * The items of a CRD schema's keyed or set list, as the API server requires them (ValidateCustomResourceDefinitionOpenAPISchema
 * and validateMapListKeysMapSet): a map list's items are objects, never null, whose keys are distinct fields of a scalar type,
 * each required or defaulted and never null; a set list's items are never null, and an object or array item is
 * atomic, since a set tells its items apart by their whole value. Pure: reports through `add`.
 */
export function checkListItems(node: Fields, path: string, add: AddFinding): void {
  const listType = node['x-kubernetes-list-type'];
  if ((listType !== 'map' && listType !== 'set') || node.type !== 'array' || typeof node.items !== 'object' || node.items === null || Array.isArray(node.items)) {
    return;
  }
  const items = fields(node.items);
  if (items.nullable === true) {
    add(`${path}.items.nullable`, `the items of a list of type ${listType} are nullable; the API server refuses null items in a ${listType} list`, 'drop nullable from the items');
  }
  if (listType === 'set') {
    checkSetItems(items, path, add);
  } else if (items.type !== 'object') {
    add(`${path}.items.type`, `the items of a list of type map are of type ${String(items.type ?? 'none')}; the API server takes objects only, keyed by their fields`, 'give the items type: object with the key fields under properties, or make the list x-kubernetes-list-type: set');
  } else {
    checkMapKeys(node['x-kubernetes-list-map-keys'], items, path, add);
  }
}

function checkSetItems(items: Fields, path: string, add: AddFinding): void {
  if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
    add(`${path}.items.x-kubernetes-map-type`, 'the object items of a list of type set are not atomic; the API server refuses them, since a set tells its items apart by their whole value',
      'give the items x-kubernetes-map-type: atomic, or make the list x-kubernetes-list-type: map keyed by a field of its items');
  } else if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
    add(`${path}.items.x-kubernetes-list-type`, 'the list items of a list of type set are not atomic; the API server refuses them', 'give the items x-kubernetes-list-type: atomic, or drop it');
  }
}

function checkMapKeys(keys: unknown, items: Fields, path: string, add: AddFinding): void {
  const properties = fields(items.properties);
  const required = Array.isArray(items.required) ? items.required : [];
  const seen = new Set<unknown>();
  for (const key of Array.isArray(keys) ? keys : []) {
    const at = `${path}.items.properties[${String(key)}]`;
    const known = Object.keys(properties);
    if (seen.has(key)) {
      add(`${path}.x-kubernetes-list-map-keys`, `map key ${JSON.stringify(key)} is listed twice; the API server refuses a key twice`, 'list each key field once');
      continue;
    }
    seen.add(key);
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(properties, key)) {
      add(`${path}.x-kubernetes-list-map-keys`, `map key ${JSON.stringify(key)} is no field of the list's items; the API server refuses a key the items do not have`,
        `name fields of the items as keys${known.length > 0 ? ` (${known.join(', ')})` : ''}, or give the items that field`);
      continue;
    }
    const property = fields(properties[key]);
    if (property.type === 'object' || property.type === 'array') {
      add(`${at}.type`, `map key ${key} is of type ${String(property.type)}; the API server takes keys of a scalar type only`, 'key the list by a string, integer or boolean field');
    }
    if (!required.includes(key) && property.default === undefined) {
      add(`${at}.default`, `map key ${key} is neither required nor defaulted, so an item could lack its key; the API server refuses the CRD`, `list ${key} under the items' required, or give it a default`);
    }
    if (property.nullable === true) {
      add(`${at}.nullable`, `map key ${key} is nullable; the API server refuses a key that may be null`, 'drop nullable from the key field');
    }
  }
}
