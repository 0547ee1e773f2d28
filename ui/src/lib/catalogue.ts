// The catalogue as the record and session screens use it: names for needle and lot ids.
import { call } from './backend/backend';
import type { Needle, NeedleId, Pigment, PigmentCatalogue, PigmentLot, PigmentLotId } from './types';

/** A needle as pickers and tables name it: configuration, brand and diameter (two cartridges of
 * the same configuration often differ only in diameter). */
export function needleText(n: Needle): string {
  return `${n.configuration} ${n.diameter_mm} mm · ${n.brand}`;
}

export type LotChoice = { lot: PigmentLot; pigment: Pigment; expired: boolean };

export class CatalogueIndex {
  readonly needles: Needle[];
  readonly pigments: Pigment[];
  private readonly needleById = new Map<NeedleId, Needle>();
  private readonly lotById = new Map<PigmentLotId, LotChoice>();

  constructor(needles: Needle[], catalogue: PigmentCatalogue) {
    this.needles = needles;
    this.pigments = catalogue.pigments;
    const expired = new Set(catalogue.expired_lot_ids);
    for (const n of needles) this.needleById.set(n.id, n);
    for (const p of catalogue.pigments) {
      for (const lot of p.lots) this.lotById.set(lot.id, { lot, pigment: p, expired: expired.has(lot.id) });
    }
  }

  static async load(): Promise<CatalogueIndex> {
    const [needles, pigments] = await Promise.all([call('list_needles', {}), call('list_pigments', {})]);
    return new CatalogueIndex(needles, pigments);
  }

  needleLabel(id: NeedleId): string {
    const n = this.needleById.get(id);
    return n ? needleText(n) : '?';
  }

  lot(id: PigmentLotId): LotChoice | undefined {
    return this.lotById.get(id);
  }

  lotLabel(id: PigmentLotId): string {
    const choice = this.lotById.get(id);
    return choice ? `${choice.pigment.name} · ${choice.lot.lot_number}` : '?';
  }

  pigmentName(id: string | null): string | null {
    if (!id) return null;
    const p = this.pigments.find((x) => x.id === id);
    return p ? `${p.brand} ${p.name}` : null;
  }

  /** Needles a session may pick: active ones, plus `keep` (already on the record). */
  needleChoices(keep: NeedleId[] = []): Needle[] {
    return this.needles.filter((n) => n.active || keep.includes(n.id));
  }

  /** Lots a session may pick, grouped by pigment: active pigments' lots plus `keep`. */
  lotChoices(keep: PigmentLotId[] = []): LotChoice[] {
    return [...this.lotById.values()].filter((c) => c.pigment.active || keep.includes(c.lot.id));
  }
}
