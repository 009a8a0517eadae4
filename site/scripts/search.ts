/**
 * Search with Pagefind, in the browser: runs the query against the static index, with filters for
 * kind of page and topic, and shows NHS-styled results. The query never goes into the web address.
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string; summary?: string };
}
interface Pagefind {
  options(options: { baseUrl: string }): Promise<void>;
  search(query: string, options?: { filters?: Record<string, string> }): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

const maxResults = 20;

/** Turns Pagefind's excerpt (text with <mark> around matches) into safe DOM nodes. */
function excerptToNodes(excerpt: string): Node[] {
  return excerpt.split(/(<mark>.*?<\/mark>)/g).map((part) => {
    const match = /^<mark>(.*)<\/mark>$/.exec(part);
    const text = (match ? match[1] : part) ?? '';
    const decoded = new DOMParser().parseFromString(text, 'text/html').documentElement.textContent ?? '';
    if (!match) return document.createTextNode(decoded);
    const mark = document.createElement('mark');
    mark.textContent = decoded;
    return mark;
  });
}

function fillSelect(select: HTMLSelectElement, values: Record<string, number> | undefined): void {
  for (const value of Object.keys(values ?? {}).sort()) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = value;
    select.append(option);
  }
}

/** Starts the search page. */
export async function startSearch(): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('#search-form');
  const input = document.querySelector<HTMLInputElement>('#search-query');
  const typeFilter = document.querySelector<HTMLSelectElement>('#search-type');
  const topicFilter = document.querySelector<HTMLSelectElement>('#search-topic');
  const status = document.querySelector<HTMLElement>('#search-status');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  if (!form || !input || !typeFilter || !topicFilter || !status || !list) return;

  const pagefindUrl = '/pagefind/pagefind.js';
  let pagefind: Pagefind;
  try {
    pagefind = (await import(/* @vite-ignore */ pagefindUrl)) as Pagefind;
    await pagefind.options({ baseUrl: '/' });
    const filters = await pagefind.filters();
    fillSelect(typeFilter, filters.type);
    fillSelect(topicFilter, filters.topic);
  } catch {
    // The index could not load: say so, and point to the lists instead of a form that cannot work.
    form.hidden = true;
    const unavailable = document.querySelector<HTMLElement>('#search-unavailable');
    if (unavailable) unavailable.hidden = false;
    return;
  }
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')) control.disabled = false;

  const run = async (): Promise<void> => {
    const query = input.value.trim();
    list.replaceChildren();
    if (query === '') {
      status.textContent = 'Enter what you are looking for';
      return;
    }
    const chosen: Record<string, string> = {};
    if (typeFilter.value) chosen.type = typeFilter.value;
    if (topicFilter.value) chosen.topic = topicFilter.value;
    const search = await pagefind.search(query, { filters: chosen });
    const results = await Promise.all(search.results.slice(0, maxResults).map((result) => result.data()));
    for (const result of results) {
      const item = document.createElement('li');
      item.className = 'app-search-result';
      const heading = document.createElement('h2');
      heading.className = 'nhsuk-heading-s nhsuk-u-margin-bottom-1';
      const link = document.createElement('a');
      link.href = result.url.replace(/\.html$/, '');
      link.textContent = result.meta.title ?? result.url;
      heading.append(link);
      const excerpt = document.createElement('p');
      excerpt.className = 'nhsuk-body-s';
      excerpt.append(...excerptToNodes(result.excerpt));
      item.append(heading, excerpt);
      list.append(item);
    }
    const count = search.results.length;
    status.textContent = count === 0 ? `No results for "${query}". Try other words, or browse the topics A to Z.` : `${count} ${count === 1 ? 'result' : 'results'} for "${query}"${count > maxResults ? `, showing the first ${maxResults}` : ''}`;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  typeFilter.addEventListener('change', () => void run());
  topicFilter.addEventListener('change', () => void run());
}
