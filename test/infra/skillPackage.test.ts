import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { buildSkillPackage, SkillPackageError } from '../../tools/skillPackage/buildSkillPackage';
import { chooseEndpoint, type EndpointChoice } from '../../tools/skillPackage/endpoint';
import { pngSize, REQUIRED_PERMISSIONS, validateSkillPackage } from '../../tools/skillPackage/validateManifest';

const repoRoot = path.resolve(__dirname, '../..');
const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:BackSpasmHelper-SkillFunction63F28660-AbCdEf123456';
const lambdaEndpoint: EndpointChoice = { kind: 'lambda', arn: LAMBDA_ARN };

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Just enough of a PNG for the header check: signature and an IHDR chunk with the size. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'ascii');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test fixtures are mutated freely

/** A small, valid source tree in the documented shape, independent of the real content. */
function fixtureSource(mutate: (skill: Json, models: Map<string, Json>) => void = () => undefined): string {
  const root = tempDir('bsh-skillsrc-');
  const locales = ['en-US', 'en-GB'];
  const skill: Json = {
    manifest: {
      manifestVersion: '1.0',
      publishingInformation: {
        locales: Object.fromEntries(
          locales.map((locale) => [
            locale,
            {
              name: 'Back Spasm Helper',
              summary: 'Calm, hands-free steps for a back spasm.',
              description: 'Walks you through easing a back spasm.',
              examplePhrases: ['Alexa, open back spasm helper', 'Alexa, ask back spasm helper how do I treat a back spasm'],
              keywords: ['back', 'spasm'],
              smallIconUri: 'file://assets/images/small.png',
              largeIconUri: 'file://assets/images/large.png',
            },
          ]),
        ),
        isAvailableWorldwide: false,
        distributionCountries: ['US', 'GB'],
        category: 'HEALTH_AND_FITNESS',
        testingInstructions: 'Say: Alexa, open back spasm helper.',
      },
      privacyAndCompliance: {
        allowsPurchases: false,
        usesPersonalInfo: false,
        isChildDirected: false,
        isExportCompliant: true,
        containsAds: false,
        locales: Object.fromEntries(locales.map((locale) => [locale, {}])),
      },
      permissions: REQUIRED_PERMISSIONS.map((name) => ({ name })),
      events: { subscriptions: [{ eventName: 'SKILL_DISABLED' }] },
      apis: { custom: { endpoint: { uri: 'arn:aws:lambda:us-east-1:000000000000:function:placeholder' }, interfaces: [] } },
    },
  };
  const models = new Map<string, Json>(
    locales.map((locale) => [
      locale,
      {
        interactionModel: {
          languageModel: {
            invocationName: 'back spasm helper',
            intents: [{ name: 'TreatmentIntent', samples: ['how do I treat a back spasm'] }],
            types: [],
          },
        },
      },
    ]),
  );
  mutate(skill, models);
  fs.mkdirSync(path.join(root, 'interactionModels', 'custom'), { recursive: true });
  fs.mkdirSync(path.join(root, 'assets', 'images'), { recursive: true });
  fs.writeFileSync(path.join(root, 'skill.json'), JSON.stringify(skill));
  for (const [locale, model] of models) {
    fs.writeFileSync(path.join(root, 'interactionModels', 'custom', `${locale}.json`), JSON.stringify(model));
  }
  fs.writeFileSync(path.join(root, 'assets', 'images', 'small.png'), pngHeader(108, 108));
  fs.writeFileSync(path.join(root, 'assets', 'images', 'large.png'), pngHeader(512, 512));
  fs.writeFileSync(path.join(root, 'assets', 'notes.txt'), 'not referenced, must not be uploaded');
  return root;
}

function problemsOf(sourceRoot: string, endpoint: EndpointChoice = lambdaEndpoint): string[] {
  try {
    buildSkillPackage({ sourceRoot, outDir: path.join(tempDir('bsh-pkg-'), 'skill-package'), endpoint });
  } catch (error) {
    if (error instanceof SkillPackageError) return error.problems;
    throw error;
  }
  return [];
}

function readBuiltPackage(outDir: string): Parameters<typeof validateSkillPackage>[0] {
  const modelsDir = path.join(outDir, 'interactionModels', 'custom');
  return {
    manifest: JSON.parse(fs.readFileSync(path.join(outDir, 'skill.json'), 'utf8')),
    models: new Map(
      fs.readdirSync(modelsDir).map((file) => [
        path.basename(file, '.json'),
        JSON.parse(fs.readFileSync(path.join(modelsDir, file), 'utf8')) as unknown,
      ]),
    ),
    readAsset: (relative) => {
      const file = path.join(outDir, relative);
      return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    },
  };
}

describe('the repository skill package (skill.json + interactionModels/custom + assets)', () => {
  test('builds with the Lambda endpoint, and the built folder passes the manifest check on its own', () => {
    const outDir = path.join(tempDir('bsh-pkg-'), 'skill-package');
    const built = buildSkillPackage({ sourceRoot: repoRoot, outDir, endpoint: lambdaEndpoint });

    const skill = JSON.parse(fs.readFileSync(path.join(outDir, 'skill.json'), 'utf8'));
    expect(skill.manifest.apis.custom.endpoint).toEqual({ uri: LAMBDA_ARN });
    // Skill events (SKILL_DISABLED: delete what was stored) go to the same function.
    expect(skill.manifest.events).toEqual({ endpoint: { uri: LAMBDA_ARN }, subscriptions: [{ eventName: 'SKILL_DISABLED' }] });
    const published = Object.keys(skill.manifest.publishingInformation.locales).sort();
    expect(built.locales.sort()).toEqual(published);
    const repoModels = fs.readdirSync(path.join(repoRoot, 'interactionModels', 'custom')).sort();
    expect(fs.readdirSync(path.join(outDir, 'interactionModels', 'custom')).sort()).toEqual(repoModels);
    for (const asset of built.assets) expect(fs.existsSync(path.join(outDir, asset))).toBe(true);

    expect(validateSkillPackage(readBuiltPackage(outDir), { endpointRequired: true })).toEqual([]);
  });

  test('the repository manifest asks for the timer and reminder permissions', () => {
    const skill = JSON.parse(fs.readFileSync(path.join(repoRoot, 'skill.json'), 'utf8'));
    const names = (skill.manifest.permissions as Array<{ name: string }>).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([...REQUIRED_PERMISSIONS]));
  });
});

describe('building a package', () => {
  test('copies models unchanged and only the referenced assets', () => {
    const source = fixtureSource();
    const outDir = path.join(tempDir('bsh-pkg-'), 'skill-package');
    const built = buildSkillPackage({ sourceRoot: source, outDir, endpoint: lambdaEndpoint });
    expect(built.assets).toEqual(['assets/images/large.png', 'assets/images/small.png']);
    expect(fs.existsSync(path.join(outDir, 'assets', 'notes.txt'))).toBe(false);
    expect(fs.readFileSync(path.join(outDir, 'interactionModels', 'custom', 'en-GB.json'))).toEqual(
      fs.readFileSync(path.join(source, 'interactionModels', 'custom', 'en-GB.json')),
    );
    // The source manifest keeps its own value: the endpoint belongs to a deployment, not to the repo.
    expect(JSON.parse(fs.readFileSync(path.join(source, 'skill.json'), 'utf8')).manifest.apis.custom.endpoint.uri).toMatch(
      /placeholder/,
    );
  });

  test('an HTTPS endpoint carries its certificate type', () => {
    const outDir = path.join(tempDir('bsh-pkg-'), 'skill-package');
    buildSkillPackage({
      sourceRoot: fixtureSource(),
      outDir,
      endpoint: { kind: 'https', url: 'https://skill.example.com/alexa', sslCertificateType: 'Wildcard' },
    });
    const skill = JSON.parse(fs.readFileSync(path.join(outDir, 'skill.json'), 'utf8'));
    expect(skill.manifest.apis.custom.endpoint).toEqual({ uri: 'https://skill.example.com/alexa', sslCertificateType: 'Wildcard' });
    expect(skill.manifest.events.endpoint).toEqual({ uri: 'https://skill.example.com/alexa', sslCertificateType: 'Wildcard' });
  });

  test('the first-deploy package has no endpoint at all', () => {
    const outDir = path.join(tempDir('bsh-pkg-'), 'skill-package');
    buildSkillPackage({ sourceRoot: fixtureSource(), outDir, endpoint: { kind: 'none' } });
    const skill = JSON.parse(fs.readFileSync(path.join(outDir, 'skill.json'), 'utf8'));
    expect(skill.manifest.apis.custom).not.toHaveProperty('endpoint');
    // Events need an endpoint; they come with the deploy that sets one.
    expect(skill.manifest).not.toHaveProperty('events');
  });

  test("events going anywhere but the skill's own endpoint are refused", () => {
    const contents = readBuiltPackage(
      (() => {
        const outDir = path.join(tempDir('bsh-pkg-'), 'skill-package');
        buildSkillPackage({ sourceRoot: fixtureSource(), outDir, endpoint: lambdaEndpoint });
        return outDir;
      })(),
    );
    (contents.manifest as Json).manifest.events.endpoint = { uri: 'arn:aws:lambda:us-east-1:123456789012:function:Other' };
    expect(validateSkillPackage(contents, { endpointRequired: true })).toEqual([expect.stringMatching(/events\.endpoint\.uri: must be the skill's own endpoint/)]);
    delete (contents.manifest as Json).manifest.events.endpoint;
    expect(validateSkillPackage(contents, { endpointRequired: true })).toEqual(['manifest.events.endpoint: missing']);
  });

  test('a rebuild removes a locale that no longer exists', () => {
    const outDir = path.join(tempDir('bsh-pkg-'), 'skill-package');
    buildSkillPackage({ sourceRoot: fixtureSource(), outDir, endpoint: lambdaEndpoint });
    const fewer = fixtureSource((skill, models) => {
      delete skill.manifest.publishingInformation.locales['en-GB'];
      models.delete('en-GB');
    });
    buildSkillPackage({ sourceRoot: fewer, outDir, endpoint: lambdaEndpoint });
    expect(fs.readdirSync(path.join(outDir, 'interactionModels', 'custom'))).toEqual(['en-US.json']);
  });

  test('refuses to empty a folder that is not an earlier package', () => {
    const outDir = tempDir('bsh-notpkg-');
    fs.writeFileSync(path.join(outDir, 'precious.txt'), 'keep me');
    expect(() => buildSkillPackage({ sourceRoot: fixtureSource(), outDir, endpoint: lambdaEndpoint })).toThrow(/Refusing/);
    expect(fs.existsSync(path.join(outDir, 'precious.txt'))).toBe(true);
  });
});

describe('the manifest check fails clearly', () => {
  test.each<[string, (skill: Json, models: Map<string, Json>) => void, RegExp]>([
    ['a published locale has no model', (_s, models) => models.delete('en-GB'), /interactionModels\/custom\/en-GB\.json: missing for published locale/],
    ['a model has no published locale', (skill) => delete skill.manifest.publishingInformation.locales['en-GB'], /locales\.en-GB: missing, but a model exists/],
    ['the timer permission is missing', (skill) => skill.manifest.permissions.shift(), /alexa::alerts:timers:skill:readwrite" missing/],
    ['permissions are missing', (skill) => delete skill.manifest.permissions, /manifest\.permissions: missing/],
    ['a locale has no name', (skill) => delete skill.manifest.publishingInformation.locales['en-US'].name, /locales\.en-US\.name: missing/],
    ['the summary is too long', (skill) => (skill.manifest.publishingInformation.locales['en-US'].summary = 'x'.repeat(161)), /summary: longer than 160/],
    ['the example does not name the skill', (skill) => (skill.manifest.publishingInformation.locales['en-US'].examplePhrases = ['Alexa, help my back']), /must contain the invocation name "back spasm helper"/],
    ['there are four examples', (skill) => (skill.manifest.publishingInformation.locales['en-US'].examplePhrases = ['a', 'b', 'c', 'd']), /examplePhrases: must be 1 to 3/],
    ['an icon file is missing', (skill) => (skill.manifest.publishingInformation.locales['en-US'].smallIconUri = 'file://assets/images/nope.png'), /nope\.png/],
    ['an icon points outside assets/', (skill) => (skill.manifest.publishingInformation.locales['en-US'].largeIconUri = 'file://skill.json'), /file:\/\/skill\.json must be an existing file under assets\//],
    ['the large icon has the small size', (skill) => (skill.manifest.publishingInformation.locales['en-US'].largeIconUri = 'file://assets/images/small.png'), /is 108x108, must be 512x512/],
    ['an icon is a plain http URL', (skill) => (skill.manifest.publishingInformation.locales['en-US'].smallIconUri = 'http://example.com/i.png'), /must be an https:\/\/ URL/],
    ['privacy flags are missing', (skill) => delete skill.manifest.privacyAndCompliance.isExportCompliant, /privacyAndCompliance\.isExportCompliant: must be true or false/],
    ['the manifest version is wrong', (skill) => (skill.manifest.manifestVersion = '2.0'), /manifestVersion: must be "1\.0"/],
    ['it is not a custom skill', (skill) => delete skill.manifest.apis.custom, /apis\.custom: missing/],
    ['the invocation name has capitals', (_s, models) => ((models.get('en-US') as Json).interactionModel.languageModel.invocationName = 'Back Spasm Helper'), /must be lowercase/],
    ['the invocation name has a digit', (_s, models) => ((models.get('en-US') as Json).interactionModel.languageModel.invocationName = 'back spasm helper 2'), /must be lowercase/],
    ['the first example does not wake Alexa', (skill) => (skill.manifest.publishingInformation.locales['en-US'].examplePhrases = ['open back spasm helper']), /examplePhrases\[0\]: must start with "Alexa"/],
    ['events are missing', (skill) => delete skill.manifest.events, /manifest\.events: missing/],
    ['SKILL_DISABLED is not subscribed', (skill) => (skill.manifest.events.subscriptions = [{ eventName: 'SKILL_ENABLED' }]), /"SKILL_DISABLED" missing/],
    ['an event name is made up', (skill) => skill.manifest.events.subscriptions.push({ eventName: 'SKILL_DELETED' }), /subscriptions\[1\]\.eventName: must be one of/],
    ['a regional endpoint is malformed', (skill) => (skill.manifest.apis.custom.regions = { EU: { endpoint: { uri: 'arn:aws:lambda:eu-central-1:123456789012:function:x' } } }), /regions\.EU\.endpoint\.uri: .*Alexa region/],
  ])('when %s', (_label, mutate, expected) => {
    const problems = problemsOf(fixtureSource(mutate));
    expect(problems.join('\n')).toMatch(expected);
  });

  test('every problem is reported at once, not one per run', () => {
    const problems = problemsOf(
      fixtureSource((skill, models) => {
        models.delete('en-GB');
        delete skill.manifest.permissions;
        delete skill.manifest.publishingInformation.locales['en-US'].summary;
      }),
    );
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });

  test('a malformed model file is named', () => {
    const source = fixtureSource();
    fs.writeFileSync(path.join(source, 'interactionModels', 'custom', 'en-GB.json'), '{ not json');
    expect(problemsOf(source).join('\n')).toMatch(/interactionModels\/custom\/en-GB\.json: /);
  });

  test('no skill.json at all', () => {
    expect(problemsOf(tempDir('bsh-empty-'))).toEqual([expect.stringMatching(/skill\.json: not found/)]);
  });

  test('the endpoint must be set unless this is the first deploy', () => {
    const source = fixtureSource((skill) => delete skill.manifest.apis.custom.endpoint);
    const contents = {
      manifest: JSON.parse(fs.readFileSync(path.join(source, 'skill.json'), 'utf8')),
      models: new Map([
        ['en-US', JSON.parse(fs.readFileSync(path.join(source, 'interactionModels/custom/en-US.json'), 'utf8'))],
        ['en-GB', JSON.parse(fs.readFileSync(path.join(source, 'interactionModels/custom/en-GB.json'), 'utf8'))],
      ]),
      readAsset: (relative: string) => fs.readFileSync(path.join(source, relative)),
    };
    expect(validateSkillPackage(contents, { endpointRequired: true })).toEqual(['manifest.apis.custom.endpoint: missing', 'manifest.events.endpoint: missing']);
    expect(validateSkillPackage(contents, { endpointRequired: false })).toEqual([]);
  });
});

describe('choosing the endpoint', () => {
  test.each([
    [{ endpoint: LAMBDA_ARN }, { kind: 'lambda', arn: LAMBDA_ARN }],
    [{ endpoint: `${LAMBDA_ARN}:live` }, { kind: 'lambda', arn: `${LAMBDA_ARN}:live` }],
    [{ https: 'https://skill.example.com/alexa' }, { kind: 'https', url: 'https://skill.example.com/alexa', sslCertificateType: 'Trusted' }],
    [
      { https: 'https://a.example.com:443/', sslCertificateType: 'SelfSigned' },
      { kind: 'https', url: 'https://a.example.com:443/', sslCertificateType: 'SelfSigned' },
    ],
    [{ noEndpoint: true }, { kind: 'none' }],
  ])('%p', (sources, expected) => {
    expect(chooseEndpoint(sources)).toEqual(expected);
  });

  test.each([
    [{}, /No endpoint/],
    [{ endpoint: LAMBDA_ARN, https: 'https://x.example.com' }, /only one/],
    [{ endpoint: 'arn:aws:lambda:eu-central-1:123456789012:function:x' }, /Alexa region/],
    [{ endpoint: 'arn:aws:lambda:us-east-1:123:function:x' }, /Lambda function ARN/],
    [{ endpoint: 'BackSpasmHelper-SkillFunction' }, /Lambda function ARN/],
    [{ https: 'http://skill.example.com' }, /must use https/],
    [{ https: 'https://skill.example.com:8443/' }, /port 443/],
    [{ https: 'https://user:pw@skill.example.com/' }, /credentials/],
    [{ https: 'https://skill.example.com', sslCertificateType: 'LetsEncrypt' }, /must be one of Trusted, Wildcard, SelfSigned/],
  ])('refuses %p', (sources, expected) => {
    expect(() => chooseEndpoint(sources)).toThrow(expected);
  });

  test('pngSize reads the IHDR size and rejects non-PNG bytes', () => {
    expect(pngSize(pngHeader(108, 108))).toEqual({ width: 108, height: 108 });
    expect(pngSize(Buffer.from('GIF89a not a png at all......'))).toBeUndefined();
  });
});

describe('tools/build-skill-package.ts on the command line', () => {
  const run = promisify(execFile);
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const script = path.join(repoRoot, 'tools', 'build-skill-package.ts');

  test('takes the endpoint from SKILL_ENDPOINT and writes the package', async () => {
    const out = path.join(tempDir('bsh-cli-'), 'skill-package');
    const { stdout } = await run(tsx, [script, '--source', fixtureSource(), '--out', out], {
      env: { ...process.env, SKILL_ENDPOINT: LAMBDA_ARN },
    });
    expect(stdout).toMatch(/Skill package ready/);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'skill.json'), 'utf8')).manifest.apis.custom.endpoint.uri).toBe(LAMBDA_ARN);
  }, 30_000);

  test('exits 1 and lists the problems', async () => {
    const out = path.join(tempDir('bsh-cli-'), 'skill-package');
    const source = fixtureSource((_s, models) => models.delete('en-GB'));
    const env = { ...process.env };
    delete env.SKILL_ENDPOINT;
    await expect(run(tsx, [script, '--source', source, '--out', out, '--endpoint', LAMBDA_ARN], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not ready to deploy:\n {2}- interactionModels\/custom\/en-GB\.json: missing/),
    });
    expect(fs.existsSync(out)).toBe(false);
  }, 30_000);
});
