// What other modules read of applications: a plain shape, never the entity (src/import-boundaries.spec.ts).
// The entity satisfies it structurally, so ApplicationsService hands its rows out typed as this.

/** An application as other modules read it. */
export interface ApplicationReadModel {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}
