import type { RequestOptions } from "./http.js";

/** One page of a list: `{items, next_cursor}`; `next_cursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * The answer of a list method: `await` it for the first page, or `for await` over it for every item of every
 * page (the next page is fetched with `cursor` = `next_cursor` when the current one is used up).
 */
export class Paginated<T, P extends Page<T> = Page<T>> implements PromiseLike<P>, AsyncIterable<T> {
  private first?: Promise<P>;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<P>, private readonly startCursor?: string) {}

  private firstPage(): Promise<P> {
    return (this.first ??= this.fetchPage(this.startCursor));
  }

  /** The first page as the server sent it (with any field beside `items`, e.g. the `stats` of `observeExecutions`). */
  then<R1 = P, R2 = never>(
    onfulfilled?: ((value: P) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.firstPage().then(onfulfilled, onrejected);
  }

  /** Every page in turn. */
  async *pages(): AsyncGenerator<P> {
    let page = await this.firstPage();
    yield page;
    while (page.next_cursor) {
      page = await this.fetchPage(page.next_cursor);
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item of every page in one array (mind the size of what you list). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}

export type { RequestOptions };
