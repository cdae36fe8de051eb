/** Checks a binary Kubernetes size (`512Mi`, `600Gi`, `2Ti`) and returns it; throws on anything else. */
export function parseSize(quantity: string): string {
  if (!/^[1-9]\d*(Ki|Mi|Gi|Ti)$/.test(quantity)) {
    throw new Error(`"${quantity}" is not a size such as 512Mi, 50Gi or 2Ti`);
  }
  return quantity;
}

/** Checks a CPU quantity (`250m`, `2`, `0.5`) and returns it in Kubernetes notation; throws on anything else. */
export function parseCpu(quantity: string | number): string {
  const text = String(quantity);
  if (!/^([1-9]\d*m|\d+(\.\d+)?)$/.test(text) || Number(text.replace(/m$/, '')) === 0) {
    throw new Error(`"${quantity}" is not a CPU quantity such as 250m or 2`);
  }
  return text;
}
