import {
  DEPARTMENTS, ESTABLISHED_ON, POWER_TEMPLATES, PROVINCES, REORGANISED_ON, placeName, type OldProvince, type Province,
} from './geography.js';

/*
 * The bodies, powers and users of the simulated country, as plain data: what the generator
 * establishes (BodyEstablished, PowerDefined through the stores' pipelines) and reorganises on
 * 1/7/2025 (BodyMerged, BodyAbolished), and the users who act on the decisions.
 */

export interface BodyPlan {
  id: string;
  nameVi: string;
  nameEn: string;
  level: 'province' | 'district' | 'commune';
  type: 'ubnd' | 'hdnd' | 'so' | 'office' | 'inspectorate';
  parentId: string | null;
  provinceId: string;
  establishedOn: string;
}

/** What happens to a body on 1/7/2025. */
export type Reorganisation =
  | { bodyId: string; kind: 'merge'; intoBodyId: string }
  | { bodyId: string; kind: 'abolish'; successorId: string; reason: string };

export interface UserPlan {
  id: string;
  role: 'proposer' | 'reviewer' | 'reviewer-lead' | 'legal-appraiser' | 'council-office' | 'committee-office' | 'auditor' | 'admin';
  bodyId: string;
  displayName: string;
  provinceId: string;
}

/** One old province's bodies, as a decision before 1/7/2025 sees them. */
export interface OldProvinceBodies {
  province: Province;
  old: OldProvince;
  ubnd: string;
  /** Department by sector (the delegates of the sector's powers and their proposers). */
  departments: Map<string, string>;
  districts: string[];
  powers: Array<{ id: string; sector: string; delegable: boolean }>;
}

export interface World {
  bodies: BodyPlan[];
  powers: Array<{ id: string; titleVi: string; titleEn: string; sector: string; legalHolderBodyId: string; legalSource: string; delegable: boolean }>;
  users: UserPlan[];
  /** Established on 1/7/2025: the new communes. */
  newBodies: BodyPlan[];
  /** In order: communes, then districts, then the merged provinces' departments and committees. */
  reorganisations: Reorganisation[];
  oldProvinces: OldProvinceBodies[];
  /** After 1/7/2025, per province: the continuing old province's bodies plus the new communes. */
  provinces: Array<OldProvinceBodies & { communes: string[] }>;
  successor: Map<string, string>;
}

const kind = (o: OldProvince) => (o.city ? { vi: 'thành phố', en: 'City' } : { vi: 'tỉnh', en: 'Province' });

const NAMES = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Võ Thị Giang', 'Đặng Văn Hùng', 'Bùi Thị Lan', 'Đỗ Văn Minh', 'Huỳnh Thị Ngọc'];

/**
 * The country at a given size: `communes` new communes per province (each formed from three old
 * ones), `districts` districts per old province.
 */
export function buildWorld(opts: { communes: number; districts: number }): World {
  const bodies: BodyPlan[] = [];
  const newBodies: BodyPlan[] = [];
  const users: UserPlan[] = [];
  const powers: World['powers'] = [];
  const reorganisations: Reorganisation[] = [];
  const oldProvinces: OldProvinceBodies[] = [];
  const provinces: World['provinces'] = [];
  const successor = new Map<string, string>();
  let names = 0;
  const user = (role: UserPlan['role'], bodyId: string, provinceId: string) =>
    users.push({ id: `u-${bodyId}-${role}`, role, bodyId, provinceId, displayName: NAMES[users.length % NAMES.length] });

  for (const province of PROVINCES) {
    const mergedDistrictsAndCommunes: { districts: string[]; communes: string[] } = { districts: [], communes: [] };
    const continuing = province.old[0];
    for (const old of province.old) {
      const k = kind(old);
      const ubnd = `${old.code}-ubnd`;
      const add = (b: Omit<BodyPlan, 'provinceId' | 'establishedOn'>) => bodies.push({ ...b, provinceId: province.id, establishedOn: ESTABLISHED_ON });
      add({ id: ubnd, nameVi: `Ủy ban nhân dân ${k.vi} ${old.name}`, nameEn: `People's Committee of ${old.name} ${k.en}`, level: 'province', type: 'ubnd', parentId: null });
      add({ id: `${old.code}-hdnd`, nameVi: `Hội đồng nhân dân ${k.vi} ${old.name}`, nameEn: `People's Council of ${old.name} ${k.en}`, level: 'province', type: 'hdnd', parentId: null });
      const departments = new Map<string, string>();
      for (const d of DEPARTMENTS) {
        const id = `${old.code}-${d.key}`;
        add({ id, nameVi: `${d.vi} ${k.vi} ${old.name}`, nameEn: `${old.name} ${d.en}`, level: 'province', type: d.type, parentId: ubnd });
        if (d.sector) departments.set(d.sector, id);
        if (old !== continuing) reorganisations.push({ bodyId: id, kind: 'merge', intoBodyId: `${continuing.code}-${d.key}` });
      }
      const districts: string[] = [];
      for (let i = 1; i <= opts.districts; i++) {
        const id = `${old.code}-h${i}`;
        const place = placeName(names++);
        add({ id, nameVi: `Ủy ban nhân dân huyện ${place}`, nameEn: `People's Committee of ${place} District`, level: 'district', type: 'ubnd', parentId: ubnd });
        districts.push(id);
        mergedDistrictsAndCommunes.districts.push(id);
      }
      const communesPerDistrict = Math.max(1, Math.round((3 * opts.communes) / province.old.length / opts.districts));
      for (const district of districts) {
        for (let j = 1; j <= communesPerDistrict; j++) {
          const place = placeName(names++);
          const id = `${district}-x${j}`;
          add({ id, nameVi: `Ủy ban nhân dân xã ${place}`, nameEn: `People's Committee of ${place} Commune`, level: 'commune', type: 'ubnd', parentId: district });
          mergedDistrictsAndCommunes.communes.push(id);
        }
      }
      const own = POWER_TEMPLATES.map((p) => {
        const id = `${old.code.toUpperCase()}-${p.suffix}`;
        powers.push({ id, titleVi: p.vi, titleEn: p.en, sector: p.sector, legalHolderBodyId: ubnd, legalSource: p.source, delegable: p.delegable });
        return { id, sector: p.sector, delegable: p.delegable };
      });
      for (const [sector, dept] of departments) user('proposer', dept, province.id);
      user('reviewer', `${old.code}-so-noi-vu`, province.id);
      user('reviewer-lead', `${old.code}-so-noi-vu`, province.id);
      user('admin', `${old.code}-so-noi-vu`, province.id);
      user('legal-appraiser', `${old.code}-so-tu-phap`, province.id);
      user('council-office', `${old.code}-hdnd`, province.id);
      user('committee-office', `${old.code}-vp-ubnd`, province.id);
      user('auditor', `${old.code}-thanh-tra`, province.id);
      oldProvinces.push({ province, old, ubnd, departments, districts, powers: own });
      if (old !== continuing) {
        reorganisations.push({ bodyId: ubnd, kind: 'merge', intoBodyId: `${continuing.code}-ubnd` });
        reorganisations.push({ bodyId: `${old.code}-hdnd`, kind: 'merge', intoBodyId: `${continuing.code}-hdnd` });
      }
    }
    // 1/7/2025: each new commune takes three old ones; the districts end, their tasks going to the province.
    const communes: string[] = [];
    const successorUbnd = `${continuing.code}-ubnd`;
    for (let n = 1; n <= opts.communes; n++) {
      const place = placeName(names++);
      const id = `${province.id}-xa${n}`;
      newBodies.push({
        id, nameVi: `Ủy ban nhân dân xã ${place}`, nameEn: `People's Committee of ${place} Commune`, level: 'commune', type: 'ubnd',
        parentId: successorUbnd, provinceId: province.id, establishedOn: REORGANISED_ON,
      });
      communes.push(id);
    }
    mergedDistrictsAndCommunes.communes.forEach((old, i) => {
      reorganisations.unshift({ bodyId: old, kind: 'merge', intoBodyId: communes[i % communes.length] });
    });
    for (const d of mergedDistrictsAndCommunes.districts) {
      reorganisations.push({ bodyId: d, kind: 'abolish', successorId: successorUbnd, reason: 'Kết thúc hoạt động của chính quyền địa phương cấp huyện từ ngày 01/7/2025 (Luật 72/2025/QH15)' });
    }
    const cont = oldProvinces.find((o) => o.old === continuing)!;
    provinces.push({ ...cont, districts: [], communes });
  }
  // Merges first, then the districts (their communes already gone), then the merged provinces'
  // departments before their committees.
  const order = (r: Reorganisation) => (r.kind === 'abolish' ? 1 : /-h\d+-x\d+$/.test(r.bodyId) ? 0 : r.bodyId.endsWith('-ubnd') || r.bodyId.endsWith('-hdnd') ? 3 : 2);
  reorganisations.sort((a, b) => order(a) - order(b));
  for (const r of reorganisations) successor.set(r.bodyId, r.kind === 'merge' ? r.intoBodyId : r.successorId);
  return { bodies, newBodies, powers, users, reorganisations, oldProvinces, provinces, successor };
}
