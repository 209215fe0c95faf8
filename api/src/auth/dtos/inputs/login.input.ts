import { IsEmail, IsString, Length } from 'class-validator';

export class LoginInput {
  @IsEmail({ require_tld: false }, { message: 'email must be an e-mail address' })
  email!: string;

  @IsString()
  @Length(1, 200)
  password!: string;
}

export class ChangePasswordInput {
  @IsString()
  @Length(1, 200)
  current!: string;

  @IsString()
  @Length(12, 200, { message: 'next must have between 12 and 200 characters' })
  next!: string;
}
