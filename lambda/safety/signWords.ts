/**
 * Decides, from the words a person said, which warning signs they mention and which they
 * only deny. The words are data (content/<language>/signs.json); this code only knows how
 * to find phrases, clauses and negations, in any language:
 *
 * - a *concept* is a list of phrases ("numb*", "can't feel", "pins and needles"); `*` ends a
 *   word prefix; in a spaced language the words of a phrase may have one extra word between
 *   them ("can't really feel"); in an unspaced language (Japanese) a phrase is a substring;
 * - a *sign* is present when every concept it needs is mentioned and not denied;
 * - a concept is denied when a negation cue stands within a few words before it (or, in a
 *   language that negates after, after it) in the same clause, and the cue is not itself
 *   part of a concept phrase ("I don't feel my legs" is a sign, not a denial).
 */
export interface ConceptWords {
  readonly phrases: readonly string[];
  /** Phrases that, where they overlap an occurrence, void it ("fell asleep" is not a fall). */
  readonly except?: readonly string[];
  /** Body parts are not denied by a cue before them; symptoms are. Default true. */
  readonly negatable?: boolean;
}

export interface SignWordsData {
  readonly script: 'spaced' | 'unspaced';
  /** Regular-expression replacements applied in order to the lower-cased text. */
  readonly normalize?: ReadonlyArray<readonly [string, string]>;
  /** Phrases that start a new clause ("but", "and my"). */
  readonly clauseBreaks: readonly string[];
  /** "no" said on its own before a new statement ("no, my legs are numb") is not a negation. */
  readonly interjections?: { readonly words: readonly string[]; readonly followers: readonly string[] };
  readonly negations: {
    readonly before: readonly string[];
    readonly after?: readonly string[];
    /** How many tokens may stand between a cue and what it denies. */
    readonly window: number;
    /** Phrases in which a cue does not deny anything ("I don't know why ..."). */
    readonly blockers?: readonly string[];
    /** Words that join a list a cue carries over ("no numbness or tingling"): not counted in the window. */
    readonly joiners?: readonly string[];
    /** A cue that, put before words heard after a denial ("I don't have {symptom}"), denies them. */
    /** Words put before what a denial intent's slot heard, tried in order ("no", "no problems with"). */
    readonly denyPrefix: string | readonly string[];
  };
  readonly concepts: Readonly<Record<string, ConceptWords>>;
  /** A sign needs each of its concepts; `sameClause` ones need them all in one clause. */
  readonly signs: ReadonlyArray<{ readonly id: string; readonly all: readonly string[]; readonly sameClause?: boolean }>;
  /** Ways of saying a sign is absent with no negation word at all ("my legs are fine"). */
  readonly denials?: ReadonlyArray<{ readonly id: string; readonly all: readonly string[]; readonly sameClause?: boolean }>;
}

export interface SignReading {
  /** Signs mentioned and not denied, in the order the data lists them. */
  readonly present: readonly string[];
  /** Signs mentioned only to be denied ("I don't have a fever"). */
  readonly denied: readonly string[];
}

interface Span {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

interface Occurrence extends Span {
  readonly concept: string;
}

type Pattern = readonly string[];

interface Compiled {
  readonly data: SignWordsData;
  readonly breaks: readonly Pattern[];
  readonly cuesBefore: readonly Pattern[];
  readonly cuesAfter: readonly Pattern[];
  readonly blockers: readonly Pattern[];
  readonly interjections: ReadonlySet<string>;
  readonly followers: ReadonlySet<string>;
  readonly joiners: ReadonlySet<string>;
  readonly concepts: ReadonlyArray<{ readonly name: string; readonly phrases: readonly Pattern[]; readonly except: readonly Pattern[]; readonly negatable: boolean }>;
}

const MAX_GAP_SPACED = 1;

function tokens(text: string, script: SignWordsData['script']): string[] {
  if (script === 'unspaced') return [...text.replace(/\s+/g, '')];
  return text.split(/\s+/).filter((token) => token !== '');
}

export class SignReader {
  private readonly normalizers: ReadonlyArray<readonly [RegExp, string]>;
  private readonly compiled: Compiled;

  constructor(data: SignWordsData) {
    this.normalizers = (data.normalize ?? []).map(([from, to]) => [new RegExp(from, 'gu'), to] as const);
    const pattern = (phrase: string): Pattern => tokens(this.normalized(phrase, true), data.script);
    this.compiled = {
      data,
      breaks: data.clauseBreaks.map(pattern),
      cuesBefore: data.negations.before.map(pattern),
      cuesAfter: (data.negations.after ?? []).map(pattern),
      blockers: (data.negations.blockers ?? []).map(pattern),
      interjections: new Set(data.interjections?.words ?? []),
      followers: new Set(data.interjections?.followers ?? []),
      joiners: new Set(data.negations.joiners ?? []),
      concepts: Object.entries(data.concepts).map(([name, concept]) => ({
        name,
        phrases: concept.phrases.map(pattern),
        except: (concept.except ?? []).map(pattern),
        negatable: concept.negatable !== false,
      })),
    };
  }

  /** Lower case, the language's spelling variants made one ("cant" -> "can't"), no punctuation. */
  normalized(text: string, keepWildcards = false): string {
    let result = text.normalize('NFC').toLocaleLowerCase();
    result = result.replace(/[\u2018\u2019\u02bc`]/g, "'");
    for (const [from, to] of this.normalizers) result = result.replace(from, to);
    // Keep letters, marks, digits and apostrophes inside words; everything else is a space.
    result = result.replace(keepWildcards ? /[^\p{L}\p{M}\p{N}'*]+/gu : /[^\p{L}\p{M}\p{N}']+/gu, ' ').replace(/(^|\s)'+|'+(?=\s|$)/g, '$1');
    return result.replace(/\s+/g, ' ').trim();
  }

  /** Reads words that were said after a denial the intent carried ("no {symptom}"). */
  readDenied(text: string): SignReading {
    const prefixes = ([] as string[]).concat(this.compiled.data.negations.denyPrefix);
    let reading: SignReading = { present: [], denied: [] };
    for (const prefix of prefixes) {
      reading = this.read(`${prefix} ${text}`);
      if (reading.present.length > 0 || reading.denied.length > 0) return reading;
    }
    return reading;
  }

  read(text: string): SignReading {
    const { data } = this.compiled;
    const words = tokens(this.normalized(text), data.script);
    if (words.length === 0) return { present: [], denied: [] };
    const clauseOf = this.clauses(words);
    const occurrences = this.occurrences(words);
    const cues = this.cues(words, occurrences);
    // A phrase that carries its own negation ("no feeling", "kein Gefühl") says a sign: no
    // earlier cue denies it, even across a list ("no fever and no feeling in my legs").
    const ownCues = [...this.compiled.cuesBefore, ...this.compiled.cuesAfter].flatMap((pattern) => findAll(words, pattern, 0));
    const negatesItself = (occurrence: Occurrence): boolean =>
      ownCues.some((cue) => cue.start >= occurrence.start && cue.end <= occurrence.end);

    const affirmed = new Set<string>();
    const mentioned = new Set<string>();
    /** Affirmed concepts of each clause. */
    const inClause = new Map<number, Set<string>>();
    for (const occurrence of occurrences) {
      mentioned.add(occurrence.concept);
      const concept = this.compiled.concepts.find((candidate) => candidate.name === occurrence.concept);
      if (concept?.negatable && !negatesItself(occurrence) && this.isDenied(occurrence, cues, clauseOf, words, occurrences)) continue;
      affirmed.add(occurrence.concept);
      const clause = clauseOf[occurrence.start] ?? 0;
      const set = inClause.get(clause) ?? new Set<string>();
      set.add(occurrence.concept);
      inClause.set(clause, set);
    }
    const present: string[] = [];
    const denied: string[] = [];
    for (const sign of data.signs) {
      if (!sign.all.every((concept) => mentioned.has(concept))) continue;
      const isAffirmed = sign.sameClause
        ? [...inClause.values()].some((concepts) => sign.all.every((concept) => concepts.has(concept)))
        : sign.all.every((concept) => affirmed.has(concept));
      if (sign.sameClause && !isAffirmed && sign.all.every((concept) => affirmed.has(concept))) continue;
      const list = isAffirmed ? present : denied;
      if (!list.includes(sign.id)) list.push(sign.id);
    }
    for (const denial of data.denials ?? []) {
      const said = denial.sameClause
        ? [...inClause.values()].some((concepts) => denial.all.every((concept) => concepts.has(concept)))
        : denial.all.every((concept) => affirmed.has(concept));
      if (said && !denied.includes(denial.id)) denied.push(denial.id);
    }
    return { present, denied: denied.filter((id) => !present.includes(id)) };
  }

  /** The clause number of each token. */
  private clauses(words: readonly string[]): number[] {
    const starts = new Set<number>();
    for (const pattern of this.compiled.breaks) {
      for (const span of findAll(words, pattern, this.gap())) starts.add(span.start);
    }
    for (let i = 0; i + 1 < words.length; i += 1) {
      const word = words[i] ?? '';
      if (this.compiled.interjections.has(word) && this.compiled.followers.has(words[i + 1] ?? '')) starts.add(i + 1);
    }
    let clause = 0;
    return words.map((_, index) => {
      if (index > 0 && starts.has(index)) clause += 1;
      return clause;
    });
  }

  private gap(): number {
    return this.compiled.data.script === 'spaced' ? MAX_GAP_SPACED : 0;
  }

  private occurrences(words: readonly string[]): Occurrence[] {
    const found: Occurrence[] = [];
    for (const concept of this.compiled.concepts) {
      const excluded = concept.except.flatMap((pattern) => findAll(words, pattern, 0));
      for (const pattern of concept.phrases) {
        for (const span of findAll(words, pattern, this.gap())) {
          if (excluded.some((other) => overlaps(span, other))) continue;
          found.push({ ...span, concept: concept.name });
        }
      }
    }
    return found;
  }

  /** Negation cues that deny something: not part of a concept phrase, not inside a blocker. */
  private cues(words: readonly string[], occurrences: readonly Occurrence[]): { before: Span[]; after: Span[] } {
    const blocked = this.compiled.blockers.flatMap((pattern) => findAll(words, pattern, 0));
    const usable = (span: Span): boolean =>
      !occurrences.some((occurrence) => overlaps(span, occurrence)) && !blocked.some((blocker) => overlaps(span, blocker));
    const collect = (patterns: readonly Pattern[]): Span[] =>
      patterns.flatMap((pattern) => findAll(words, pattern, 0)).filter(usable);
    return { before: collect(this.compiled.cuesBefore), after: collect(this.compiled.cuesAfter) };
  }

  private isDenied(
    occurrence: Occurrence,
    cues: { before: Span[]; after: Span[] },
    clauseOf: readonly number[],
    words: readonly string[],
    occurrences: readonly Occurrence[],
  ): boolean {
    const window = this.compiled.data.negations.window;
    const clause = clauseOf[occurrence.start];
    // Words between a cue and what it denies, not counting other signs' words or list joiners.
    const distance = (from: number, to: number): number => {
      let count = 0;
      for (let i = from; i < to; i += 1) {
        if (this.compiled.joiners.has(words[i] ?? '')) continue;
        if (occurrences.some((other) => other.start <= i && i < other.end)) continue;
        count += 1;
      }
      return count;
    };
    const before = cues.before.some(
      (cue) => cue.end <= occurrence.start && clauseOf[cue.start] === clause && distance(cue.end, occurrence.start) <= window,
    );
    const after = cues.after.some(
      (cue) => cue.start >= occurrence.end && clauseOf[cue.start] === clause && distance(occurrence.end, cue.start) <= window,
    );
    return before || after;
  }
}

function tokenMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') && pattern.length > 1 ? word.startsWith(pattern.slice(0, -1)) : pattern === word;
}

/** Every place a phrase occurs, its words in order with at most `gap` other words between them. */
function findAll(words: readonly string[], pattern: Pattern, gap: number): Span[] {
  const spans: Span[] = [];
  if (pattern.length === 0) return spans;
  for (let start = 0; start < words.length; start += 1) {
    if (!tokenMatches(pattern[0] ?? '', words[start] ?? '')) continue;
    let at = start;
    let ok = true;
    for (let k = 1; k < pattern.length && ok; k += 1) {
      ok = false;
      for (let next = at + 1; next <= at + 1 + gap && next < words.length; next += 1) {
        if (tokenMatches(pattern[k] ?? '', words[next] ?? '')) {
          at = next;
          ok = true;
          break;
        }
      }
    }
    if (ok) spans.push({ start, end: at + 1 });
  }
  return spans;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
