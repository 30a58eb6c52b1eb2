"""What each corpus file must give: outcome, reply allowed, text kept and text cut.

``outcome`` is ``"parsed"`` or the quarantine reason; ``reply`` is whether the
loop guard allows an answer (``None`` for quarantined mail); ``must`` snippets
must be in ``text_for_bot``; ``must_not`` snippets must not (quoted history,
signatures, disclaimers, markup); ``why`` is the loop-guard reason when set.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Expect:
    outcome: str = "parsed"
    reply: bool | None = True
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    why: str | None = None
    attachments: int | None = None
    subject: str | None = None
    sender: str | None = None


def q(reason: str) -> Expect:
    return Expect(outcome=reason, reply=None)


def no(why: str, *must: str) -> Expect:
    return Expect(reply=False, why=why, must=must)


E = Expect
EXPECTATIONS: dict[str, Expect] = {
    # good path, Spanish
    "good_es_compresor_no_arranca.eml": E(
        must=("no arranca", "CMP-2291-X"),
        must_not=("Un saludo", "976 123 456"),
        sender="marta.lazaro@talleresebro.es",
    ),
    "good_es_fotocopiadora_atasco.eml": E(
        must=("se atasca", "SN-48213"),
        must_not=("iPhone",),
        sender="jr.ibanez@gestoria-ibanez.es",
        subject="La fotocopiadora se atasca en cada página",
    ),
    "good_es_fuga_aceite_carretilla.eml": E(
        must=("pierde aceite",), must_not=("Saludos cordiales", "CONFIDENCIALIDAD", "confidencial")
    ),
    "good_es_aire_acondicionado_ruido.eml": E(
        must=("ruido metálico",), must_not=("<b>", "Gracias"), attachments=1
    ),
    "good_es_vending_error_e42.eml": E(
        must=("máquina de café", "E42"),
        must_not=("Atentamente",),
        subject="Máquina de café error E42",
    ),
    "good_es_servidor_caido_urgente.eml": E(must=("SRV-0042", "Es urgente"), must_not=("cordial",)),
    "good_es_estado_incidencia.eml": E(
        must=("Cuándo vendrá el técnico",), must_not=("Hemos registrado", "escribió")
    ),
    "good_es_mantenimiento_preventivo.eml": E(
        must=("revisión trimestral", "PK-200"), must_not=("Muchas gracias",)
    ),
    "good_es_respuesta_numerica.eml": E(must=("2",), must_not=("Responda", "Compresor")),
    # good path, English
    "good_en_printer_jam.eml": E(
        must=("jams on every page", "SN-55102"),
        must_not=("Best regards", "Facilities Manager", "7946"),
    ),
    "good_en_compressor_pressure_low.eml": E(
        must=("CMP-3310-Y",), must_not=("Sent from",), sender="ops@brightfoods.com"
    ),
    "good_en_fridge_alarm.eml": E(must=("HI-TEMP",), must_not=("Thanks", "<p>"), attachments=1),
    "good_en_packaging_line_stopped.eml": E(must=("servo fault axis 2",), must_not=("Tom Baker",)),
    "good_en_forklift_battery.eml": E(must=("battery does not charge",), must_not=("Mike",)),
    "good_en_status_request_reply.eml": E(
        must=("Any news on this?",), must_not=("We have registered", "wrote:")
    ),
    "good_en_coverage_question.eml": E(
        must=("covered by our maintenance contract",), must_not=("Kind regards",)
    ),
    "good_en_reply_option.eml": E(must=("Option 1",), must_not=("Original Message", "Copier")),
    # quoted replies
    "reply_es_outlook_hilo_largo.eml": E(
        must=("12 grados",), must_not=("HISTORIAL ANTIGUO", "Enviado el", "El técnico pasará")
    ),
    "reply_en_outlook_original_message.eml": E(
        must=("room 204",), must_not=("OLD TEXT", "Original Message")
    ),
    "reply_en_gmail_wrapped_attribution.eml": E(
        must=("same code F2",), must_not=("OLD TEXT", "wrote:", "soporte@")
    ),
    "reply_es_gmail_escribio.eml": E(must=("HV-90210",), must_not=("TEXTO ANTIGUO", "escribió")),
    "reply_es_mensaje_original.eml": E(
        must=("les esperamos el jueves",), must_not=("TEXTO ANTIGUO", "Mensaje original")
    ),
    "reply_en_outlook_underscore_separator.eml": E(
        must=("door seal",), must_not=("OLD TEXT", "____", "From:")
    ),
    "reply_es_outlook_negritas.eml": E(must=("telar 4",), must_not=("TEXTO ANTIGUO", "*De:*")),
    "reply_en_bottom_posted.eml": E(must=("SRV-0099",), must_not=("OLD TEXT", "writes on")),
    "reply_html_gmail_quote.eml": E(
        must=("80 grados",), must_not=("TEXTO ANTIGUO", "escribió", "<div")
    ),
    "reply_html_outlook_divrplyfwdmsg.eml": E(
        must=("swallowing coins",), must_not=("OLD TEXT", "Sent:", "MsoNormal", "-----")
    ),
    "reply_en_apple_mail.eml": E(must=("Thursday afternoon",), must_not=("OLD TEXT", "iPad")),
    # signatures and disclaimers
    "signature_es_aviso_legal_lopd.eml": E(
        must=("hace humo",), must_not=("Reglamento", "medio ambiente")
    ),
    "signature_en_confidentiality_notice.eml": E(
        must=("lamp error",), must_not=("CONFIDENTIALITY",)
    ),
    "signature_es_enviado_desde_mi_movil.eml": E(must=("no desagua",), must_not=("Samsung",)),
    "signature_en_get_outlook_android.eml": E(must=("group head",), must_not=("Outlook",)),
    "signature_dashdash_delimiter.eml": E(must=("weekly test run",), must_not=("Müller GmbH",)),
    "signature_contact_block.eml": E(must=("pierde presión",), must_not=("944 123 456", "www.")),
    # auto replies
    "autoreply_en_exchange_oof.eml": no("auto_submitted"),
    "autoreply_es_exchange_respuesta_automatica.eml": no("auto_submitted"),
    "autoreply_en_gmail_vacation.eml": no("auto_submitted"),
    "autoreply_es_gmail_vacaciones.eml": no("auto_submitted"),
    "autoreply_es_zimbra.eml": no("auto_submitted"),
    "autoreply_subject_only_out_of_office.eml": no("out_of_office_subject"),
    "autoreply_es_fuera_oficina_sin_cabeceras.eml": no("out_of_office_subject"),
    "autoreply_x_autoreply_header.eml": no("auto_reply_header"),
    "autoreply_auto_submitted_no_is_human.eml": E(must=("embotelladora",)),
    # bounces
    "bounce_postfix_dsn.eml": no("bounce"),
    "bounce_exchange_ndr.eml": no("bounce"),
    "bounce_gmail_delivery_status.eml": no("bounce"),
    "bounce_plain_text_mailer_daemon.eml": no("bounce"),
    "bounce_null_return_path.eml": no("bounce"),
    "bounce_es_no_se_puede_entregar.eml": no("bounce"),
    # lists, bulk, robots
    "list_mailman_post.eml": no("mailing_list"),
    "list_marketing_newsletter_html.eml": E(
        reply=False, why="mailing_list", must=("Descuentos de marzo",), must_not=(".btn", "<table")
    ),
    "list_google_groups.eml": no("mailing_list"),
    "precedence_junk.eml": no("bulk_precedence"),
    "html_marketing_no_text.eml": no("bulk_precedence"),
    "noreply_sender.eml": no("no_reply_address"),
    "noreply_donotreply_variant.eml": no("no_reply_address"),
    "x_auto_response_suppress_oof.eml": no("auto_response_suppressed"),
    # HTML
    "html_only_outlook_msonormal.eml": E(
        must=("REF-5512", "11 ºC"), must_not=("MsoNormal", "o:p", "Un saludo", "AllowPNG")
    ),
    "html_only_gmail_div_ltr.eml": E(must=("no calienta",), must_not=("600 123 123", "Marcos Gil")),
    "html_only_entities_table.eml": E(
        must=("fail & need", "HV-1002 water <leak>", "no cooling – fan stuck")
    ),
    "html_only_script_injection.eml": E(
        must=("copier is broken",), must_not=("alert", "cookie", "display:none", "javascript")
    ),
    "html_mislabelled_as_plain.eml": E(must=("báscula industrial",), must_not=("<p>", "<html")),
    "inline_image_related.eml": E(must=("cuadro eléctrico",), must_not=("<img",), attachments=1),
    # structure and limits
    "nesting_deep_15_levels.eml": q("nesting_too_deep"),
    "nesting_ok_5_levels.eml": E(must=("no imprime en color",)),
    "missing_boundary_param.eml": E(must=("blank labels",), must_not=("Content-Type", "--abc")),
    "boundary_never_closed.eml": E(must=("no enciende",), attachments=1),
    "boundary_mismatch.eml": E(
        must=("shredder is jammed",), must_not=("--used-instead", "Content-Type")
    ),
    "base64_garbage_body.eml": E(must=("La máquina no funciona.",)),
    "base64_truncated_attachment.eml": E(must=("panel de la caldera",), attachments=1),
    "qp_broken_sequences.eml": E(must=("La máquina", "“raro”")),
    "header_long_subject.eml": E(must=("no cierra",)),
    "header_injection_encoded_crlf.eml": E(must=("printer is broken",)),
    "header_injection_name_newline.eml": E(must=("dishwasher",), sender="eve@attacker.example"),
    "headers_only_no_blank_line.eml": E(),
    "empty_body.eml": E(),
    "empty_subject.eml": E(must=("pallet wrapper",), subject=""),
    "only_attachment_pdf.eml": E(attachments=1),
    "tnef_winmail_dat.eml": E(must=("parts list",), attachments=1),
    "calendar_invite_outlook.eml": E(
        must=("Revisión preventiva",), must_not=("BEGIN:VCALENDAR",), attachments=1
    ),
    "calendar_invite_ics_only.eml": E(must_not=("VCALENDAR",), attachments=1),
    "signed_smime.eml": E(must=("badge reader",), attachments=1),
    "text_attachment_disposition.eml": E(
        must=("Log of the controller", "overheat"), attachments=1  # a .txt attachment is read
    ),
    "vcard_attachment_signature.eml": E(must=("no ice",), must_not=("VCARD",), attachments=1),
    "duplicate_content_type.eml": E(must=("conveyor belt",)),
    "content_type_garbage.eml": E(must=("stuck at 30",)),
    "uuencoded_body.eml": E(),
    "long_single_line_body.eml": E(must=("La máquina falla",)),
    # charsets and encoded words
    "charset_unknown_x_bogus.eml": E(must=("La grúa no sube",)),
    "charset_misdeclared_ascii_is_utf8.eml": E(must=("ruido extraño",)),
    "charset_misdeclared_utf8_is_latin1.eml": E(must=("cada mañana",)),
    "charset_windows1252_smart_quotes.eml": E(must=("“CHECK FILTER” – what does it mean…",)),
    "charset_codec_name_base64.eml": E(must=("fan is broken",)),
    "charset_utf16_with_bom.eml": E(must=("El ascensor está parado",)),
    "charset_8bit_header_raw_latin1.eml": E(
        must=("El portón del almacén",), subject="Avería en el almacén"
    ),
    "eight_bit_no_mime_headers.eml": E(must=("La báscula de la recepción",), subject="Báscula"),
    "rfc2047_broken_encoded_words.eml": E(must=("Text.",)),
    "rfc2047_unknown_charset.eml": E(must=("pierde aire",), subject="Avería urgente"),
    "rfc2047_split_multibyte.eml": E(subject="Café roto"),
    "rfc2047_latin1_name_and_subject.eml": E(
        subject="Calefacción averiada", sender="begona@words.example"
    ),
    "emoji_unicode.eml": E(must=("🔥🔥", "echa humo"), subject="🔥 Horno ardiendo 🔥"),
    "null_bytes_in_body.eml": E(must=("La bomba de agua no arranca",)),
    "crlf_lf_mixed.eml": E(must=("lift door sensor",), must_not=("\r",)),
    # senders
    "missing_from.eml": q("sender_missing"),
    "multiple_from_headers.eml": q("sender_ambiguous"),
    "from_multiple_addresses.eml": q("sender_ambiguous"),
    "from_not_an_address.eml": q("sender_missing"),
    "spoofed_reply_to_different.eml": E(must=("atascarse",), sender="marta.lazaro@talleresebro.es"),
    "header_folding_odd.eml": E(
        must=("gate motor",), subject="Folded over lines", sender="odd@fold.example"
    ),
    "leading_blank_lines.eml": E(must=("kiosk screen",)),
    "mbox_from_line.eml": E(must=("pump is leaking",), sender="mbox@client.example"),
    # attachments and file names
    "filename_rfc2231_non_ascii.eml": E(must=("presupuesto firmado",), attachments=1),
    "filename_path_traversal_rfc2047.eml": E(attachments=4),
    "filename_rtl_override.eml": E(attachments=1),
    # forwards
    "forwarded_inline_gmail_no_comment.eml": E(
        must=("alarma de sobretemperatura",), must_not=("Forwarded message", "De: Operario")
    ),
    "forwarded_inline_with_comment.eml": E(
        must=("chiller on the roof", "FORWARDED TEXT")  # the forwarded report is read too
    ),
    "forwarded_as_attachment_rfc822.eml": E(must=("Os reenvío", "quemador")),
    # not e-mail at all
    "not_an_email_binary.eml": q("not_an_email"),
    "empty_file.eml": q("not_an_email"),
    "references_huge_list.eml": E(must=("Still broken",)),
    "date_garbage.eml": E(must=("chiller is off",)),
    "message_id_missing.eml": E(must=("boiler pressure",)),
}
