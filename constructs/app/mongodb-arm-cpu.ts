import type { Host } from '../inventory/host';
import { imageTag } from './image-tag';

// MongoDB's arm64 builds from 5.0 on need an ARMv8.2-A CPU (its production notes): the Cortex-A72 of a Raspberry Pi
// 4 and the Cortex-A53 of a Pi 3 are ARMv8.0-A, so mongod stops there with "Illegal instruction" at its first start.
// 4.4 is the last release line that runs on them; a Pi 5's Cortex-A76 runs every release.

/** The official image and MongoDB's own community image, as a reference names them. */
const MONGODB_IMAGE = /^(?:(?:docker\.io\/)?(?:library\/)?mongo|(?:docker\.io\/)?mongodb\/mongodb-community-server)$/;

/** What a host's `model` or `cpuModel` says of a board or core older than ARMv8.2-A, as owners write them. */
const BEFORE_ARMV8_2 = /raspberry\s*pi\s*(?:3|4|400|zero\s*2)|\bcm4\b|compute\s*module\s*4|cortex[-\s]?a(?:35|53|57|72|73)\b/i;

/** The major release a tag of the image names (`7.0.14`, `8.0-noble`, `6`), or undefined (a digest, a channel). */
function majorRelease(image: string): number | undefined {
  const tag = imageTag(image);
  const major = tag === undefined ? undefined : /^v?(\d+)(?:[.-]|$)/.exec(tag)?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * What is wrong with MongoDB 5.0 or later on `hosts` where one of them is an arm64 board whose inventory names a CPU
 * before ARMv8.2-A (a Raspberry Pi 4 or 3, a Cortex-A72): undefined when the image is another, of 4.4 or before, or
 * no host is such a board. Pure.
 */
export function mongodbArmCpuProblem(image: string, hosts: readonly Host<any, any>[]): { message: string; hint: string } | undefined {
  const repository = image.split('@')[0].replace(/:[^/]*$/, '');
  const major = MONGODB_IMAGE.test(repository) ? majorRelease(image) : undefined;
  if (major === undefined || major < 5) {
    return undefined;
  }
  const old = hosts.filter((h) => h.arch === 'arm64' && [h.model, h.cpuModel].some((fact) => typeof fact === 'string' && BEFORE_ARMV8_2.test(fact)));
  if (old.length === 0) {
    return undefined;
  }
  const others = hosts.filter((h) => !old.includes(h)).map((h) => h.name);
  return {
    message: `image ${image} is MongoDB ${major}, whose arm64 build needs an ARMv8.2-A CPU, and its pods may run on `
      + `${old.map((h) => `${h.name} (${h.cpuModel ?? h.model})`).join(', ')}, older than that: mongod would stop there with "Illegal instruction"`,
    hint: `${others.length > 0 ? `place it on hosts that run it (placement: { hosts: [${others.join(', ')}] }), or ` : ''}take MongoDB 4.4 (mongo:4.4.18), the last release line that runs on a Raspberry Pi 4`,
  };
}
