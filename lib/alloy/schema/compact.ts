// Shape of the extracted component reference and of the compact table generated from it.

export interface SourceArgument {
  name: string;
  type: string;
  default: string;
  required: boolean;
}
export interface SourceComponent {
  component: string;
  arguments: SourceArgument[];
  blocks?: { path: string[]; required: boolean }[];
  block_arguments?: Record<string, SourceArgument[]>;
  exports?: { name: string; type: string }[];
}

/** One block (or the component itself): argument types, required arguments, nested blocks. */
export interface BlockSchema {
  /** Argument name → type as documented (`string`, `list(MetricsReceiver)`, …). */
  a: Record<string, string>;
  /** Required argument names. */
  r?: string[];
  /** Nested blocks. */
  b?: Record<string, BlockSchema & { req?: true }>;
  /** Set when the block's arguments are not documented: accept any argument. */
  open?: true;
}
export interface ComponentSchema extends BlockSchema {
  /** Export name → type. */
  e: Record<string, string>;
}

function args(list: SourceArgument[] | undefined): Pick<BlockSchema, 'a' | 'r'> {
  const a: Record<string, string> = {};
  const r: string[] = [];
  for (const arg of list ?? []) {
    a[arg.name] = arg.type;
    if (arg.required) r.push(arg.name);
  }
  return r.length > 0 ? { a, r } : { a };
}

export function compactSchemas(components: SourceComponent[]): Record<string, ComponentSchema> {
  const out: Record<string, ComponentSchema> = {};
  for (const c of components) {
    const schema: ComponentSchema = { ...args(c.arguments), e: {} };
    for (const e of c.exports ?? []) schema.e[e.name] = e.type;
    const blockArgs = c.block_arguments ?? {};
    for (const block of c.blocks ?? []) {
      let parent: BlockSchema = schema;
      for (const [i, name] of block.path.entries()) {
        parent.b ??= {};
        let child = parent.b[name];
        if (!child) {
          // The extract keys block arguments by the dotted path or by the block's own name.
          const documented = blockArgs[block.path.slice(0, i + 1).join('.')] ?? (i === block.path.length - 1 ? blockArgs[name] : undefined);
          child = documented ? args(documented) : { a: {}, open: true };
          parent.b[name] = child;
        }
        if (i === block.path.length - 1 && block.required) child.req = true;
        parent = child;
      }
    }
    out[c.component] = schema;
  }
  return out;
}
