export * from './bridge-network';
export * from './forgejo';
export * from './forgejo-database';
export * from './harbor';
export * from './home-assistant-vm';
export * from './jellyfin';
export * from './ollama';
export * from './static-zfs-volume';
