export * from './external-secret';
export * from './sealed-secret';
export * from './secret-reference';
export * from './sops-secret';
export * from './sops-decryption';
