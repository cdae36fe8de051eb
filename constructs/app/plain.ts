import { k8s } from 'cdk8s-plus-30';

/**
 * The JSON form of data typed with cdk8s-plus-30's Kubernetes types: `Quantity` and `IntOrString`
 * wrappers become their values. The typed classes (`k8s.KubeDeployment`, …) do the same in `toJson()`,
 * but re-map every nested object on each call; apps build thousands of objects, so their data is typed
 * with those types and handed to cdk8s once, as plain JSON.
 */
export function plainJson(value: unknown): unknown {
  if (value instanceof k8s.Quantity || value instanceof k8s.IntOrString) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map(plainJson);
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) {
        result[key] = plainJson(entry);
      }
    }
    return result;
  }
  return value;
}

/**
 * Plain JSON as cdk8s writes it: `Quantity` and `IntOrString` unwrapped, null and undefined dropped, keys
 * sorted (the order `sanitizeValue` gives every other object). For bodies that bypass token resolution.
 */
export function sortedJson(value: unknown): unknown {
  if (value instanceof k8s.Quantity || value instanceof k8s.IntOrString) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map(sortedJson);
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined && entry !== null) {
        result[key] = sortedJson(entry);
      }
    }
    return result;
  }
  return value;
}
