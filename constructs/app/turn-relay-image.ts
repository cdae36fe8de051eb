/** coturn's images (its own and instrumentisto's, built from one Dockerfile), whose relay sends each call's media on to the peer's own address and UDP port. */
export const TURN_RELAY_IMAGE = /^(docker\.io\/)?(coturn\/coturn|instrumentisto\/coturn)(?=[:@]|$)/;
