// The images of self-hosted household apps that several checks know by their reference (the port each listens
// on, the folder it writes as it starts, the URL it is told it is reached at): one pattern each, so a registry
// the project moves to is learnt in one place.

/** n8n's image, from Docker Hub, GHCR or its own registry (`docker.n8n.io/n8nio/n8n`, which its docs name). */
export const N8N_IMAGE = /^((docker\.io|ghcr\.io|docker\.n8n\.io)\/)?n8nio\/n8n(?=[:@]|$)/;

/** Firefly III's image (`fireflyiii/core`; the older `jc5x/firefly-iii` listened on 80 before 5.3). */
export const FIREFLY_III_IMAGE = /^(docker\.io\/)?fireflyiii\/core(?=[:@]|$)/;

/** Firefly III's data importer. */
export const FIREFLY_IMPORTER_IMAGE = /^(docker\.io\/)?fireflyiii\/data-importer(?=[:@]|$)/;

/** Outline's image, from Docker Hub or its own registry (`docker.getoutline.com/outlinewiki/outline`). */
export const OUTLINE_IMAGE = /^((docker\.io|docker\.getoutline\.com)\/)?outlinewiki\/outline(?=[:@]|$)/;

/** AFFiNE's server, on GitHub's registry (`affine-graphql`, which its compose file runs, and the older `affine`). */
export const AFFINE_IMAGE = /^ghcr\.io\/toeverything\/affine(-graphql)?(?=[:@]|$)/;

/** BookStack's images: linuxserver.io's and the community's `solidnil/bookstack`. */
export const BOOKSTACK_IMAGE = /^((lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/bookstack|(docker\.io\/)?solidnil\/bookstack)(?=[:@]|$)/;

/** Homepage's dashboard (gethomepage.dev), published on GitHub's registry. */
export const HOMEPAGE_IMAGE = /^((docker\.io|ghcr\.io)\/)?gethomepage\/homepage(?=[:@]|$)/;

/** Linkwarden's image (GitHub's registry; Docker Hub's `linkwarden/linkwarden` too). */
export const LINKWARDEN_IMAGE = /^((docker\.io|ghcr\.io)\/)?linkwarden\/linkwarden(?=[:@]|$)/;

/** Karakeep's image, and Hoarder's, as it was called before. */
export const KARAKEEP_IMAGE = /^ghcr\.io\/(karakeep-app\/karakeep|hoarder-app\/hoarder)(?=[:@]|$)/;

/** Vikunja's image (`vikunja/vikunja`, API and frontend in one since 0.22; `vikunja/api` before). */
export const VIKUNJA_IMAGE = /^((docker\.io|ghcr\.io)\/)?(vikunja\/vikunja|vikunja\/api|go-vikunja\/vikunja)(?=[:@]|$)/;

/** Planka's image (GitHub's registry; `meltyshev/planka` as its first builds were named). */
export const PLANKA_IMAGE = /^(ghcr\.io\/plankanban\/planka|(docker\.io\/)?meltyshev\/planka)(?=[:@]|$)/;

/** Excalidraw's image (`excalidraw/excalidraw`): its web app's build, served by the official nginx image it is built on. */
export const EXCALIDRAW_IMAGE = /^(docker\.io\/)?excalidraw\/excalidraw(?=[:@]|$)/;

/** Mattermost's server images: the Team and Enterprise editions on Docker Hub. */
export const MATTERMOST_IMAGE = /^(docker\.io\/)?mattermost\/mattermost-(team|enterprise)-edition(?=[:@]|$)/;

/** Rocket.Chat's image: its own registry (`registry.rocket.chat/rocketchat/rocket.chat`), Docker Hub's and the official `rocket.chat`. */
export const ROCKET_CHAT_IMAGE = /^(((registry\.rocket\.chat|docker\.io)\/)?rocketchat\/rocket\.chat|(docker\.io\/)?(library\/)?rocket\.chat)(?=[:@]|$)/;

/** Zulip's server image: `ghcr.io/zulip/zulip-server`, and Docker Hub's `zulip/docker-zulip` it was published as before. */
export const ZULIP_IMAGE = /^(ghcr\.io\/zulip\/zulip-server|(docker\.io\/)?zulip\/docker-zulip)(?=[:@]|$)/;

/** Element Web's images, the old and the new home of the project. */
export const ELEMENT_WEB_IMAGE = /^((docker\.io\/)?vectorim|ghcr\.io\/element-hq)\/element-web(?=[:@]|$)/;

/** Vaultwarden's image. */
export const VAULTWARDEN_IMAGE = /^(docker\.io\/)?vaultwarden\/server(?=[:@]|$)/;

/** FreshRSS's official image (Docker Hub, GitHub's registry): Apache and PHP, started by a root entrypoint. */
export const FRESHRSS_IMAGE = /^((docker\.io|ghcr\.io)\/)?freshrss\/freshrss(?=[:@]|$)/;

/** LibreTranslate's image (Docker Hub, GitHub's registry), published without language models, which it downloads as it starts. */
export const LIBRETRANSLATE_IMAGE = /^((docker\.io|ghcr\.io)\/)?libretranslate\/libretranslate(?=[:@]|$)/;

/** SearXNG's image (Docker Hub, GitHub's registry). */
export const SEARXNG_IMAGE = /^((docker\.io|ghcr\.io)\/)?searxng\/searxng(?=[:@]|$)/;

/** Whoogle's image (`benbusby/whoogle-search` on Docker Hub and GitHub's registry). */
export const WHOOGLE_IMAGE = /^((docker\.io|ghcr\.io)\/)?benbusby\/whoogle-search(?=[:@]|$)/;

/** PhotoPrism's image. */
export const PHOTOPRISM_IMAGE = /^(docker\.io\/)?photoprism\/photoprism(?=[:@]|$)/;

/** Baby Buddy's image of linuxserver.io (its project publishes no image of its own). */
export const BABY_BUDDY_IMAGE = /^((lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/babybuddy)(?=[:@]|$)/;

/** wger's server image (`wger/server`), which runs its web server, or with `/start-worker` and `/start-beat` its Celery processes. */
export const WGER_IMAGE = /^(docker\.io\/)?wger\/server(?=[:@]|$)/;

/** Actual Budget's sync server (`actualbudget/actual-server`, Docker Hub and GitHub's registry). */
export const ACTUAL_SERVER_IMAGE = /^((docker\.io|ghcr\.io)\/)?actualbudget\/actual-server(?=[:@]|$)/;

/** Mealie's image (GitHub's registry; `hkotel/mealie` on Docker Hub, where it was published before). */
export const MEALIE_IMAGE = /^(ghcr\.io\/mealie-recipes\/|(docker\.io\/)?hkotel\/)mealie(?=[:@]|$)/;

/** Immich's server. */
export const IMMICH_SERVER_IMAGE = /^ghcr\.io\/immich-app\/immich-server(?=[:@]|$)/;

/** Zigbee2MQTT's image, on Docker Hub and GitHub's registry. */
export const ZIGBEE2MQTT_IMAGE = /^((docker\.io|ghcr\.io)\/)?koenkk\/zigbee2mqtt(?=[:@]|$)/;
