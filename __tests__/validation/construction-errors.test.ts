import { App as CdkApp } from 'cdk8s';
import { constructionFinding } from '../../constructs/validation/construction-errors';
import { labApp, labCluster } from '../bad-input/lab';

describe('an error raised while the tree is built is reported on the construct whose code raised it', () => {
  const chartWithApp = () => {
    const root = new CdkApp();
    labApp('web')(labCluster(root));
    return root;
  };

  test('after an app was complete: the chart, with the app in the hint', () => {
    const finding = constructionFinding(chartWithApp(), new TypeError('boom'), 'build');
    expect(finding).toMatchObject({ layer: 'props', constructPath: 'main', field: 'props', message: 'building this construct failed: boom' });
    expect(finding?.hint).toContain('after its child "web" was complete');
  });

  test('before any app, after the chart\'s own parts: the chart', () => {
    const root = new CdkApp();
    labCluster(root);
    expect(constructionFinding(root, new TypeError('boom'), 'build')?.constructPath).toBe('main');
  });

  test('before anything was built: the module that failed as it loaded, named from the stack', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'at')");
    error.stack = `${error.name}: ${error.message}\n    at charts/lab/main.ts (/repo/.build/main.bundle.js:98:50110)\n    at /repo/.build/main.bundle.js:1:432`;
    const finding = constructionFinding(new CdkApp(), error, 'build');
    expect(finding).toMatchObject({ constructPath: '(app)', field: 'charts/lab/main.ts', message: `loading this module failed: ${error.message}` });
    expect(constructionFinding(new CdkApp(), 'not an error', 'build')).toMatchObject({ field: 'define', message: 'defining the lab failed before its first construct: not an error' });
  });

  test('while synthesizing, the construct built last, as before', () => {
    const finding = constructionFinding(chartWithApp(), new TypeError('boom'), 'synth');
    expect(finding).toMatchObject({ constructPath: 'main/web', message: 'synthesizing this construct failed: boom' });
    expect(finding?.hint).toContain('check the props');
  });
});
