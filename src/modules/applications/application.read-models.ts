// What other modules read of applications: a plain shape, never the entity (src/import-boundaries.spec.ts).
// ApplicationsService copies its rows into it at its edge.

/** An application as other modules read it. */
export interface ApplicationReadModel {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}
