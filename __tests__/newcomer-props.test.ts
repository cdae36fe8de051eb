import { APP_PROP_RULES, APP_PROPS_SHAPE } from '../constructs/validation/app-props-shape';
import { propProblems } from '../constructs/validation/known-props';

/** The fields of the problems an app's props have. */
const fields = (props: Record<string, unknown>) => propProblems('App', props, APP_PROPS_SHAPE, APP_PROP_RULES).map((p) => p.field);

describe('a required prop written under another name is one error', () => {
  test('a typo of the image is not also a missing image', () => {
    expect(fields({ imgae: 'vaultwarden/server:1.32.0' })).toEqual(['imgae']);
  });
  test("a port written as containerPort is not also a missing port", () => {
    expect(fields({ image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', containerPort: 80 }] })).toEqual(['ports[0].containerPort']);
  });
  test('a prop left out with no look-alike beside it is still missing', () => {
    expect(fields({ repository: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', listen: 80 }] })).toEqual(['repository', 'ports[0].listen', 'image', 'ports[0].port']);
  });
  test('a longer or shorter name of the missing prop stands for it', () => {
    expect(fields({ imageName: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { hostname: 'www' } })).toEqual(['imageName', 'route.hostname']);
  });
  test('a look-alike beside the prop itself does not hide it', () => {
    expect(fields({ image: 'nginxinc/nginx-unprivileged:1.27.0', imgae: 'x' })).toEqual(['imgae']);
  });
});
