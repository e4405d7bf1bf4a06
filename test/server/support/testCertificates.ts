/**
 * A home-made certificate authority and an "echo-api.amazon.com" signing certificate, so the
 * SDK's request-signature check can be exercised end to end with no network: the verifier gets
 * this chain instead of downloading Amazon's, and the test decides whether the home-made root
 * is trusted. node-forge is the library the verifier itself uses to read certificates.
 */
import { EventEmitter } from 'node:events';
import { createSign, generateKeyPairSync } from 'node:crypto';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** The small part of node-forge used here (the package ships no types of its own). */
interface ForgeCertificate {
  serialNumber: string;
  validity: { notBefore: Date; notAfter: Date };
  publicKey: unknown;
  setSubject(attributes: Array<{ name: string; value: string }>): void;
  setIssuer(attributes: Array<{ name: string; value: string }>): void;
  setExtensions(extensions: Array<Record<string, unknown>>): void;
  sign(key: unknown, digest: unknown): void;
}
interface Forge {
  pki: {
    createCertificate(): ForgeCertificate;
    privateKeyFromPem(pem: string): unknown;
    publicKeyFromPem(pem: string): unknown;
    certificateToPem(certificate: ForgeCertificate): string;
  };
  md: { sha256: { create(): unknown } };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped package, typed just above
const forge = require('node-forge') as Forge;

interface KeyPair {
  privatePem: string;
  publicPem: string;
}

function rsaKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { privatePem: privateKey, publicPem: publicKey };
}

const HOUR_MS = 3_600_000;

export interface CertificateOptions {
  /** Subject alternative name; Alexa's real certificate names echo-api.amazon.com. */
  dnsName?: string;
  /** Make the certificate's validity end in the past. */
  expired?: boolean;
}

export interface TestCertificateAuthority {
  rootPem: string;
  /** Issues a leaf signing certificate; returns the chain as the verifier downloads it (leaf, then root). */
  issueSigningCertificate(options?: CertificateOptions): SigningCertificate;
}

export interface SigningCertificate {
  chainPem: string;
  /** The leaf's private key, for a test server that presents this certificate over TLS. */
  keyPem: string;
  /** Signs a body the way Alexa does: RSA-SHA256, base64, into the Signature-256 header. */
  sign(body: string): string;
}

let serial = 1;

export function createTestCertificateAuthority(): TestCertificateAuthority {
  const rootKeys = rsaKeyPair();
  const rootSubject = [
    { name: 'commonName', value: 'Back Spasm Helper Test Root (not trusted anywhere)' },
    { name: 'organizationName', value: 'Test' },
  ];
  const root = forge.pki.createCertificate();
  root.serialNumber = String(serial++).padStart(2, '0');
  root.publicKey = forge.pki.publicKeyFromPem(rootKeys.publicPem);
  root.validity = { notBefore: new Date(Date.now() - HOUR_MS), notAfter: new Date(Date.now() + 24 * HOUR_MS) };
  root.setSubject(rootSubject);
  root.setIssuer(rootSubject);
  root.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  root.sign(forge.pki.privateKeyFromPem(rootKeys.privatePem), forge.md.sha256.create());
  const rootPem = forge.pki.certificateToPem(root);

  return {
    rootPem,
    issueSigningCertificate(options = {}) {
      const keys = rsaKeyPair();
      const dnsName = options.dnsName ?? 'echo-api.amazon.com';
      const leaf = forge.pki.createCertificate();
      leaf.serialNumber = String(serial++).padStart(2, '0');
      leaf.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
      leaf.validity = options.expired
        ? { notBefore: new Date(Date.now() - 48 * HOUR_MS), notAfter: new Date(Date.now() - 24 * HOUR_MS) }
        : { notBefore: new Date(Date.now() - HOUR_MS), notAfter: new Date(Date.now() + 24 * HOUR_MS) };
      leaf.setSubject([{ name: 'commonName', value: dnsName }]);
      leaf.setIssuer(rootSubject);
      leaf.setExtensions([
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: dnsName }] },
      ]);
      leaf.sign(forge.pki.privateKeyFromPem(rootKeys.privatePem), forge.md.sha256.create());
      return {
        chainPem: `${forge.pki.certificateToPem(leaf)}${rootPem}`,
        keyPem: keys.privatePem,
        sign: (body) => createSign('RSA-SHA256').update(body, 'utf8').sign(keys.privatePem, 'base64'),
      };
    },
  };
}

/**
 * Stands in for `https.get` as the verifier calls it (url, callback) and answers from `files`
 * (URL -> body) with 200, or 404 for anything else. Returns the URLs that were asked for.
 */
export function fakeCertificateDownload(files: ReadonlyMap<string, string>): {
  get: (url: string, callback: (response: IncomingMessage) => void) => ClientRequest;
  requested: string[];
} {
  const requested: string[] = [];
  const get = (url: string, callback: (response: IncomingMessage) => void): ClientRequest => {
    requested.push(String(url));
    const request = new EventEmitter() as EventEmitter & { end(): void };
    request.end = () => {
      const body = files.get(String(url));
      const response = Object.assign(Readable.from([Buffer.from(body ?? 'not found')], { objectMode: false }), {
        statusCode: body === undefined ? 404 : 200,
      });
      setImmediate(() => callback(response as unknown as IncomingMessage));
    };
    return request as unknown as ClientRequest;
  };
  return { get, requested };
}
