import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SOURCE_NAME } from '@ent/ingest';
import type { DataSource, Repository } from 'typeorm';
import { IsNull } from 'typeorm';
import type { TerritoryRef } from '../scope/territorial-scope';
import { ApiKeyError } from './api-key.error';
import { IngestApiKeyEntity } from './api-key.entity';
import { checkKeyTerritories } from './key-territories';

export { ApiKeyError };

/**
 * Which establishments a key may send events for: those of its territories, or every one
 * (`'national'`, for a source that serves the whole country). Always chosen explicitly.
 */
export type KeyReach = 'national' | readonly TerritoryRef[];

export interface CreatedApiKey {
  id: string;
  source: string;
  /** The key itself: shown once, never stored. */
  key: string;
  /** The territories its source serves (normalised); null: national reach. */
  territories: TerritoryRef[] | null;
}

export interface ApiKeySummary {
  id: string;
  source: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** The territories its source serves; null: national reach. */
  territories: TerritoryRef[] | null;
}

/** What a valid key stands for. */
export interface ResolvedApiKey {
  id: string;
  source: string;
  /** null: national reach. */
  territories: TerritoryRef[] | null;
}

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough to store them: there is nothing to
 * brute-force, unlike a password (which would need a slow hash).
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function territoriesOf(reach: KeyReach): TerritoryRef[] | null {
  return reach === 'national' ? null : checkKeyTerritories(reach);
}

function summary({ id, source, prefix, createdAt, revokedAt, territories }: IngestApiKeyEntity): ApiKeySummary {
  return { id, source, prefix, createdAt, revokedAt, territories: territories ?? null };
}

/** Creates, lists, binds to territories, revokes and checks ingestion API keys (one source per key). */
export class ApiKeysService {
  private readonly repo: Repository<IngestApiKeyEntity>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(IngestApiKeyEntity);
  }

  async create(source: string, reach: KeyReach): Promise<CreatedApiKey> {
    if (!SOURCE_NAME.test(source)) {
      throw new ApiKeyError('a source name is 1 to 64 lower-case letters, digits, ".", "_" or "-" (e.g. ent-haute-saone)');
    }
    const territories = territoriesOf(reach);
    const id = randomUUID();
    const key = `entk_${randomBytes(32).toString('base64url')}`;
    await this.repo.insert({ id, source, prefix: key.slice(0, 12), keyHash: hashApiKey(key), createdAt: new Date(), revokedAt: null, territories });
    return { id, source, key, territories };
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.repo.find({ order: { createdAt: 'ASC' } });
    return rows.map(summary);
  }

  /** Replaces the territories of a key (narrowing a key of national reach, or moving it); effective at the next request. */
  async setReach(idOrPrefix: string, reach: KeyReach): Promise<ApiKeySummary> {
    const territories = territoriesOf(reach);
    const row = await this.find(idOrPrefix);
    row.territories = territories;
    await this.repo.update({ id: row.id }, { territories });
    return summary(row);
  }

  /** Revokes by id or by prefix; returns the revoked key, or throws when none matches. */
  async revoke(idOrPrefix: string): Promise<ApiKeySummary> {
    const row = await this.find(idOrPrefix);
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await this.repo.update({ id: row.id }, { revokedAt: row.revokedAt });
    }
    return summary(row);
  }

  /** The source and territories of a valid, unrevoked key, or undefined. */
  async resolve(key: string): Promise<ResolvedApiKey | undefined> {
    if (!key.startsWith('entk_') || key.length > 100) return undefined;
    const row = await this.repo.findOne({ where: { keyHash: hashApiKey(key), revokedAt: IsNull() } });
    return row ? { id: row.id, source: row.source, territories: row.territories ?? null } : undefined;
  }

  /** The source of a valid, unrevoked key, or undefined. */
  async sourceOf(key: string): Promise<string | undefined> {
    return (await this.resolve(key))?.source;
  }

  private async find(idOrPrefix: string): Promise<IngestApiKeyEntity> {
    const row =
      (await this.repo.findOne({ where: { id: idOrPrefix } })) ?? (await this.repo.findOne({ where: { prefix: idOrPrefix } }));
    if (!row) throw new ApiKeyError(`no API key has the id or prefix ${idOrPrefix}`);
    return row;
  }
}
