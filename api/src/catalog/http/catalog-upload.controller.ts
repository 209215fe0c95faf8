import { Controller, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { AppConfig } from '@ent/config';
import type { Request, Response } from 'express';
import * as fs from 'node:fs';
import { Roles } from '../../auth/access.decorators';
import { APP_CONFIG } from '../../config/app-config.provider';
import { CurrentScope } from '../../scope/current-scope.decorator';
import type { TerritorialScope } from '../../scope/territorial-scope';
import { UnusableFileError } from '../errors/catalog-errors';
import { decodeCatalogStream } from '../imports/decode-file.util';
import { CATALOG_IMPORT_KINDS, type CatalogImportKind } from '../imports/import-kind';
import { CatalogImportService } from '../services/catalog-import.service';
import { CATALOG_IMPORTERS } from '../utils/catalog-access.util';
import { receiveUpload, UploadTooLargeError } from './receive-upload';

const DRY_RUN = new Map<string | undefined, boolean>([
  [undefined, false],
  ['', true],
  ['1', true],
  ['true', true],
  ['0', false],
  ['false', false],
]);

/** Body types that no parser of the application reads (JSON and forms are parsed, and bounded, before any route). */
const ACCEPTED_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

/**
 * `POST /catalog/imports/:kind?dryRun=1` with the file as the raw body (`Content-Type: text/csv`):
 * the same import and the same report as the GraphQL mutation `importCatalog`, for files of any
 * size up to CATALOG_UPLOAD_MAX_BYTES (a national annuaire is tens of MB, beyond the JSON body
 * limit). The body is copied to a temporary file and read back as a stream: the memory used does
 * not grow with the file. Same roles as the mutation; the CSRF header is checked by the guard, as
 * for every request that changes data.
 */
@Controller('catalog/imports')
export class CatalogUploadController {
  constructor(
    private readonly imports: CatalogImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post(':kind')
  @Roles(...CATALOG_IMPORTERS)
  @HttpCode(200)
  async upload(
    @CurrentScope() scope: TerritorialScope,
    @Param('kind') kind: string,
    @Query('dryRun') dryRunParam: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const refuse = (status: number, error: string, message: string) => {
      // The body was not read: close the connection rather than read megabytes for nothing.
      if (!req.complete) res.setHeader('connection', 'close');
      res.status(status).json({ error, message });
    };
    if (!(CATALOG_IMPORT_KINDS as readonly string[]).includes(kind)) {
      return refuse(400, 'BAD_USER_INPUT', `kind: "${kind}" is not one of ${CATALOG_IMPORT_KINDS.join(', ')}`);
    }
    const dryRun = typeof dryRunParam === 'string' || dryRunParam === undefined ? DRY_RUN.get(dryRunParam) : undefined;
    if (dryRun === undefined) return refuse(400, 'BAD_USER_INPUT', 'dryRun: expected 1, true, 0 or false');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!ACCEPTED_TYPES.includes(type)) {
      return refuse(415, 'BAD_USER_INPUT', `Content-Type: send the file as the raw body with Content-Type ${ACCEPTED_TYPES.join(', ')} (got ${type || 'none'})`);
    }

    let upload: Awaited<ReturnType<typeof receiveUpload>>;
    try {
      upload = await receiveUpload(req, this.config.catalog.uploadMaxBytes);
    } catch (err) {
      if (err instanceof UploadTooLargeError) return refuse(413, 'PAYLOAD_TOO_LARGE', err.message);
      throw err;
    }
    try {
      const report = await this.imports.run(scope, kind as CatalogImportKind, decodeCatalogStream(fs.createReadStream(upload.file)), dryRun);
      res.status(200).json(report);
    } catch (err) {
      if (err instanceof UnusableFileError) return refuse(422, err.code, err.message);
      throw err;
    } finally {
      upload.remove();
    }
  }
}
