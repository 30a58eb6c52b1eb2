"""Customers, their contacts and sites, and their equipment."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.adapters.orm.base import Base


class Customer(Base):
    __tablename__ = "customers"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    tax_id: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2), default="es")

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Contact.id"
    )
    sites: Mapped[list[Site]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Site.id"
    )


class Contact(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200), index=True)
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    telegram_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # the Telegram @username, lower case without "@" (a user may not have one)
    telegram_username: Mapped[str | None] = mapped_column(String(64), index=True)
    preferred: Mapped[bool] = mapped_column(default=False)

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    city: Mapped[str | None] = mapped_column(String(100))
    zone: Mapped[str | None] = mapped_column(String(40))

    customer: Mapped[Customer] = relationship(back_populates="sites")


class Equipment(Base):
    __tablename__ = "equipment"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)
    serial: Mapped[str] = mapped_column(String(60), index=True)
    customer_code: Mapped[str] = mapped_column(ForeignKey("customers.code"), index=True)
    site_id: Mapped[str | None] = mapped_column(ForeignKey("sites.id"))
    family: Mapped[str] = mapped_column(String(40))
    model: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    installed_on: Mapped[date | None]
    warranty_end: Mapped[date | None]

    site: Mapped[Site | None] = relationship(lazy="joined")
