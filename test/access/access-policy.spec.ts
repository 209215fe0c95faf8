import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ACCESS_POLICY, type AccessPolicy } from '../../api/src/auth/access.decorators';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** Every GraphQL root field and every REST route of the application, with its declared policy. */
function enumerateHandlers(t: TestApp): { name: string; policy: AccessPolicy | undefined }[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const found: { name: string; policy: AccessPolicy | undefined }[] = [];
  const visit = (instance: object | undefined, isController: boolean) => {
    if (!instance) return;
    const proto = Object.getPrototypeOf(instance) as Record<string, (...a: unknown[]) => unknown>;
    const cls = instance.constructor;
    for (const method of scanner.getAllMethodNames(proto)) {
      const handler = proto[method];
      const gqlType = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
      const isRoute = isController && Reflect.getMetadata('path', handler) !== undefined;
      const isRootField = gqlType === 'Query' || gqlType === 'Mutation' || gqlType === 'Subscription';
      if (!isRoute && !isRootField) continue;
      const policy = (Reflect.getMetadata(ACCESS_POLICY, handler) ?? Reflect.getMetadata(ACCESS_POLICY, cls)) as AccessPolicy | undefined;
      found.push({ name: `${cls.name}.${method}`, policy });
    }
  };
  for (const wrapper of discovery.getProviders()) visit(wrapper.instance as object | undefined, false);
  for (const wrapper of discovery.getControllers()) visit(wrapper.instance as object | undefined, true);
  return found;
}

describe('access policies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('every query, mutation and route declares who may call it', () => {
    const handlers = enumerateHandlers(t);
    expect(handlers.length).toBeGreaterThan(10);
    expect(handlers.filter((h) => !h.policy).map((h) => h.name)).toEqual([]);
  });

  it('only sign-in, probes, the public status and API-key routes are public', () => {
    const publicOnes = enumerateHandlers(t)
      .filter((h) => h.policy?.kind === 'public')
      .map((h) => h.name)
      .sort();
    expect(publicOnes).toEqual(
      expect.arrayContaining(['AuthController.login', 'AuthController.methods', 'HealthController.healthz', 'HealthController.readyz', 'OidcController.callback', 'OidcController.login', 'SystemResolver.system']),
    );
    const allowed = /^(AuthController\.(login|methods)$|HealthController\.|OidcController\.|SystemResolver\.system|Ingest|Xapi)/;
    expect(publicOnes.filter((n) => !allowed.test(n))).toEqual([]);
  });
});
