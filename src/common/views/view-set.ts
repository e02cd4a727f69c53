/**
 * The views of one resource (PlanoCore's `view` param): each a named subset of the fields of its
 * full record, `default` first. A view always carries `id`, so a consumer can tell what it got.
 * A route that renders the resource declares the set (@RendersViews), which makes its names the
 * `view` enum of the route in OpenAPI and the only names the route accepts (else invalid-param).
 */
export class ViewSet<Full extends { readonly id: number }, Name extends string> {
  readonly names: readonly Name[];

  constructor(
    /** What the views show, for messages and the document: "client", "session". */
    readonly resource: string,
    private readonly fieldsOf: Readonly<Record<Name, readonly (keyof Full)[]>>,
  ) {
    this.names = Object.keys(fieldsOf) as Name[];
    if (this.names[0] !== 'default') throw new Error(`the ${resource} views must list default first`);
  }

  has(name: string): name is Name {
    return (this.names as readonly string[]).includes(name);
  }

  /**
   * The record in view `name`: its `id` and the view's fields, in the view's order, minus those
   * `visible` hides from this caller (staff-only fields, say).
   */
  render(full: Full, name: Name, visible: (field: keyof Full) => boolean = () => true): Partial<Full> & Pick<Full, 'id'> {
    const rendered: Partial<Full> = { id: full.id } as Partial<Full>;
    for (const field of this.fieldsOf[name]) {
      if (field !== 'id' && visible(field)) rendered[field] = full[field];
    }
    return rendered as Partial<Full> & Pick<Full, 'id'>;
  }
}

/** The views of a resource that has only its default one (sessions, applications, orders, …). */
export const DEFAULT_VIEW_ONLY = ['default'] as const;
