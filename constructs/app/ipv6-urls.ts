import { unbracketedIpv6Url } from '../inventory/ip-address';
import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';

// An IPv6 address written into a URL as the inventory writes it, without the brackets RFC 3986 puts around it
// (`mqtt://fd00::5:1883`): clients refuse the URL, or take its colons for a port, and the app never connects.

/**
 * Why `value`, the text `what` names (`container "web": env MQTT_URL`), is a URL whose host is an IPv6 address
 * without brackets, with the hint that writes it with them after `written` (`MQTT_URL: `), behind `before` in
 * the quoted text (a flag's `--url=`); undefined for any other value. A password written into the URL is not
 * printed back into the log. Pure.
 */
export function unbracketedUrlProblem(what: string, value: string, written = '', before = ''): { message: string; hint: string } | undefined {
  const bare = unbracketedIpv6Url(value);
  return bare === undefined ? undefined : {
    message: `${what} is a URL with the IPv6 address ${bare.address} as its host without brackets, which a URL needs around it: the app's client would refuse the URL or read its colons as a port`,
    hint: `put the address in brackets: ${written}'${before}${bare.fixed.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:<password>@')}'`,
  };
}

/**
 * Words of the containers' `command` and `args` that are such a URL, alone or after a flag's `=`
 * (`--url=http://fd00::5:8080`): one error on each word (`args[3]`, `sidecars[0].command[2]`). Pure.
 */
export function unbracketedUrlWordProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => (['command', 'args'] as const).flatMap((key) => {
    const words = container[key];
    return (Array.isArray(words) ? words : []).flatMap((word: unknown, i: number) => {
      const flag = typeof word === 'string' ? /^(--?[\w.-]+=)(.+)$/.exec(word) : null;
      const problem = typeof word !== 'string' ? undefined
        : unbracketedUrlProblem(`container "${String(container.name)}": ${key}[${i}]`, flag === null ? word : flag[2], '', flag === null ? '' : flag[1]);
      return problem === undefined ? [] : [{ field: `${prefix}${key}[${i}]`, ...problem }];
    });
  }));
}
