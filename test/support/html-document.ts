import { parse, parseFragment } from 'parse5';

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string; content?: Node };

/** A page parsed the way a browser (or a crawler) parses it, with the few queries the tests need. */
export class HtmlDocument {
  private readonly root: Node;

  constructor(html: string) {
    this.root = parse(html) as unknown as Node;
  }

  /** Every element with this tag name, in document order. */
  elements(tagName: string): Node[] {
    const found: Node[] = [];
    const visit = (node: Node) => {
      if (node.nodeName === tagName) found.push(node);
      node.childNodes?.forEach(visit);
      if (node.content) visit(node.content);
    };
    visit(this.root);
    return found;
  }

  /** The `content` of `<meta property|name="key">`; undefined when absent, an error when repeated. */
  meta(key: string): string | undefined {
    const matches = this.elements('meta').filter((meta) => attribute(meta, 'property') === key || attribute(meta, 'name') === key);
    if (matches.length > 1) throw new Error(`meta ${key} appears ${matches.length} times`);
    return matches[0] ? attribute(matches[0], 'content') : undefined;
  }

  /** The text content of the first element with this tag name. */
  text(tagName: string): string | undefined {
    const [element] = this.elements(tagName);
    return element ? textOf(element) : undefined;
  }

  attribute(tagName: string, name: string): string | undefined {
    const [element] = this.elements(tagName);
    return element ? attribute(element, name) : undefined;
  }
}

export function attribute(node: Node, name: string): string | undefined {
  return node.attrs?.find((attr) => attr.name === name)?.value;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textOf).join('');
}

/** The elements and attributes of an HTML fragment as a browser parses it (`innerHTML`). */
export function htmlElements(html: string): { tag: string; attributes: Record<string, string> }[] {
  const found: { tag: string; attributes: Record<string, string> }[] = [];
  const visit = (node: Node) => {
    if (!node.nodeName.startsWith('#')) found.push({ tag: node.nodeName, attributes: Object.fromEntries((node.attrs ?? []).map((attr) => [attr.name, attr.value])) });
    node.childNodes?.forEach(visit);
    if (node.content) visit(node.content);
  };
  visit(parseFragment(html) as unknown as Node);
  return found;
}
