import type { BodySize } from '../platform/body-size';

// An S3 server takes objects in one request up to gigabytes, and in parts of 5 MiB or more when a client uploads
// in parts (multipart upload): an ingress that caps a request's body at 1 MiB, ingress-nginx's default, refuses
// nearly every upload with 413. MinIO's guide for nginx lets any size through (`client_max_body_size 0`).

/** Garage's image on Docker Hub, also by its per-architecture names. */
export const GARAGE_IMAGE = /^(docker\.io\/)?dxflrs\/((amd64|arm64|arm)_)?garage(?=[:@]|$)/;

/** SeaweedFS' image, under its old name and its own organisation. */
export const SEAWEEDFS_IMAGE = /^(docker\.io\/)?(chrislusf|seaweedfs)\/seaweedfs(?=[:@]|$)/;

/** Images of S3 servers: MinIO, Garage, SeaweedFS (whose `weed s3` or `weed server -s3` serves S3). */
const OBJECT_STORE_IMAGES: readonly RegExp[] = [/^((quay|docker)\.io\/)?minio\/minio(?=[:@]|$)/, GARAGE_IMAGE, SEAWEEDFS_IMAGE];

/** The request body an app of `image` needs its routes to let through: any size for an S3 server, else none said. Pure. */
export function objectStoreRouteBodySize(image: unknown): BodySize | undefined {
  return typeof image === 'string' && OBJECT_STORE_IMAGES.some((pattern) => pattern.test(image)) ? 'unlimited' : undefined;
}
