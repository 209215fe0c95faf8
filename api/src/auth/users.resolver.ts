import { Args, ID, Mutation, Query, Resolver, Context } from '@nestjs/graphql';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { AllowedBeforePasswordChange, Roles, SignedIn } from './access.decorators';
import { AuthErrorCode, AuthException } from './auth.errors';
import { AuthService, type AuthenticatedUser } from './auth.service';
import { CreateUserInput, CreateUserPayload, UserDto } from './dtos/user.dto';
import { AppUserEntity } from './entities/app-user.entity';
import type { ObservatoryRequest } from './utils/request-context.util';

function toDto(u: AppUserEntity): UserDto {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    territories: u.territories,
    mustChangePassword: u.mustChangePassword,
    disabled: u.disabledAt !== null,
  };
}

@Resolver(() => UserDto)
export class UsersResolver {
  constructor(
    private readonly auth: AuthService,
    @InjectRepository(AppUserEntity) private readonly userRepo: Repository<AppUserEntity>,
  ) {}

  @Query(() => UserDto, { description: 'The signed-in user' })
  @SignedIn()
  @AllowedBeforePasswordChange()
  async me(@Context('req') req: ObservatoryRequest): Promise<UserDto> {
    return toDto(await this.userRepo.findOneByOrFail({ id: (req.user as AuthenticatedUser).id }));
  }

  @Query(() => [UserDto])
  @Roles('admin')
  async users(): Promise<UserDto[]> {
    return (await this.userRepo.find({ order: { email: 'ASC' } })).map(toDto);
  }

  @Mutation(() => CreateUserPayload)
  @Roles('admin')
  async createUser(@Args('input') input: CreateUserInput): Promise<CreateUserPayload> {
    if (await this.auth.findByEmail(input.email)) {
      throw new AuthException(AuthErrorCode.InvalidInput, `A user with the e-mail ${input.email.toLowerCase()} already exists.`);
    }
    const oneTimePassword = input.password ? undefined : randomBytes(12).toString('base64url');
    const user = await this.auth.createUser({ ...input, password: input.password ?? oneTimePassword, mustChangePassword: !input.password });
    return { user: toDto(user), oneTimePassword };
  }

  @Mutation(() => UserDto, { description: 'Disables an account and ends its sessions' })
  @Roles('admin')
  async disableUser(@Args('id', { type: () => ID }) id: string, @Context('req') req: ObservatoryRequest): Promise<UserDto> {
    if (id === req.user?.id) throw new AuthException(AuthErrorCode.InvalidInput, 'An administrator cannot disable their own account.');
    const user = await this.userRepo.findOneBy({ id });
    if (!user) throw new AuthException(AuthErrorCode.InvalidInput, `No user with id ${id}.`);
    user.disabledAt ??= new Date();
    return toDto(await this.userRepo.save(user));
  }
}
