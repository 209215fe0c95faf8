import { Controller, Get } from '@nestjs/common';
import { XAPI_SUPPORTED_VERSIONS } from '@ent/ingest';
import { Public } from '../../auth/access.decorators';

/**
 * `GET /xapi/about` (xAPI 1.0.3, Communication 2.8): the versions this LRS speaks. Public, without
 * the version header: a client asks it before it knows which version and which credentials to use
 * (the conformance suite calls it without either), and it tells nothing about the data.
 */
@Controller('xapi')
export class XapiAboutController {
  @Get('about')
  @Public()
  about(): { version: string[] } {
    return { version: [...XAPI_SUPPORTED_VERSIONS] };
  }
}
